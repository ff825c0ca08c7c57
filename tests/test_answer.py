"""Organisation names as answers to 哪个部门 and 谁, read from jieba's words (no model needed)."""

from __future__ import annotations

import pytest

from index.terms import Tokenizer
from retrieval.facts import organisations


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("市政府新闻办组织召开新闻发布会", ["市政府新闻办"]),  # the whole name, not 市政府 inside it
        ("市行政审批服务局与徐州、商丘签署了协议", ["市行政审批服务局"]),
        ("万张街道办事处自行筹集资金，因地制宜、合理布局新打36眼新井", ["万张街道办事处"]),
        ("嘉祥县高度重视此项工作，县水务局研究制定了工作方案", ["县水务局"]),
        ("完善指挥部运行机制和挂图作战模式", ["指挥部"]),  # a verb does not start a name
        ("市高铁和机场建设指挥部高铁项目指挥部与市城乡水务局下发督办函", ["机场建设指挥部高铁项目指挥部", "市城乡水务局"]),
    ],
)
def test_organisation_names(tokenizer, sentence, names):
    assert [name for name, _ in organisations(sentence, tokenizer)] == names


@pytest.mark.parametrize(
    "sentence",
    [
        "因地制宜、合理布局新打36眼新井",  # 布局 is a layout
        "日前，该县高铁沿线336眼水井已全部封填",  # 全部 is "all"
        "在市县两级政务服务大厅分领域设立服务专窗",  # a hall
        "介绍济宁市推进跨省通办优化政务服务工作开展情况",  # 通办 is not an office
    ],
)
def test_words_that_only_end_like_organisations(tokenizer, sentence):
    assert organisations(sentence, tokenizer) == []
