"""The Plotly config of the dashboard's charts: toolbar and dates in the page's language, a PNG download.

plotly.js ships a zh-CN locale, but Streamlit's bundle registers none, so the config carries its own
(Plotly's ``locales`` option). The dictionary is keyed by plotly.js 3's English toolbar and notice
texts, exactly as its modebar asks for them.
"""

from __future__ import annotations

PLOTLY_LOCALES = {"zh": "zh-CN", "en": "en-US"}
ZH_CN_DICTIONARY = {
    "Zoom": "缩放",
    "Pan": "平移",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Autoscale": "自动缩放",
    "Reset axes": "重置坐标轴",
    "Reset": "重置",
    "Reset view": "重置视图",
    "Reset views": "重置视图",
    "Box Select": "框选",
    "Lasso Select": "套索选择",
    "Toggle Spike Lines": "显示或隐藏参考线",
    "Show closest data on hover": "悬停时显示最近的数据",
    "Compare data on hover": "悬停时比较数据",
    "Toggle show closest data on hover": "切换悬停时显示最近的数据",
    "Download plot": "下载图片",
    "Download plot as a PNG": "下载 PNG 图片",
    "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
    "Image download succeeded": "图片已下载",
    "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败！",
    "Double-click to zoom back out": "双击可还原",
}
ZH_CN_FORMAT = {
    "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    "months": ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
    "shortMonths": [f"{month}月" for month in range(1, 13)],
    "periods": ["上午", "下午"],
    "date": "%Y/%-m/%-d",
    "year": "%Y年",
    "month": "%Y年%-m月",
    "dayMonth": "%-m月%-d日",
    "dayMonthYear": "%Y年%-m月%-d日",
}
# Twice the screen's pixels: sharp when printed or projected, still a few hundred kilobytes.
IMAGE_SCALE = 2


def chart_config(lang: str, image_name: str, remove: tuple[str, ...] = ()) -> dict:
    """A chart's Plotly config in ``lang``: its toolbar without ``remove``, and a PNG download named ``image_name``."""
    return {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": list(remove),
        "toImageButtonOptions": {"format": "png", "filename": image_name, "scale": IMAGE_SCALE},
        "locale": PLOTLY_LOCALES[lang],
        "locales": {"zh-CN": {"dictionary": ZH_CN_DICTIONARY, "format": ZH_CN_FORMAT}},
    }
