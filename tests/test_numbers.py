"""A number counts however it is written: the question's 1/3, 9成, 150 or 2005年 is the article's
三分之一, 90%, １５０ or 二〇〇五年."""

from retrieval.query import holds


def test_a_number_is_found_however_the_article_writes_it(qa_over):
    """Each of these sentences was dropped as lacking the question's number, and the question refused
    ("the articles do not answer"); the answer is shown as the article writes it."""
    qa = qa_over({
        "plague.txt": "普鲁士往事\n\n本报讯 1708年，普鲁士大约有三分之一的人口死于鼠疫。次年疫情才得到控制。\n",
        "rice.txt": "米糠的价值\n\n本报讯 据农业专家研究，米糠含有人体必需营养素中90%以上的营养物质。\n",
        "blast.txt": "市场爆炸\n\n新华社电 当地时间１１月２０日，阿富汗一处市场发生爆炸，造成１５０人死亡。\n",
        "school.txt": "学院搬迁\n\n本报讯 二〇〇五年七月，该校计算机系正式迁入信息学院。\n",
    })
    for question, expected in (
        ("1708年普鲁士约1/3的人口死于什么？", "鼠疫"),
        ("稻米的哪一部分含有9成以上的必需营养素？", "米糠"),
        ("造成150人死亡的爆炸发生在哪一天？", "１１月２０日"),
        ("计算机系2005年迁入了哪个学院？", "信息学院"),
    ):
        answer = qa.ask(question)
        assert answer.found and expected in answer.text, (question, answer.text)


def test_a_number_in_words_is_only_found_whole():
    """二十 is not the 二十 of 一百二十 or 二十三, nor 5 the 5 of 50 or 1.5."""
    assert holds("二十世纪最重要的发明", "二十")
    assert not holds("共有一百二十人参加", "二十")
    assert not holds("二十三岁时进入公司", "二十")
    assert not holds("投资1.5亿元", "5")
    assert holds("投资5亿元", "5")
