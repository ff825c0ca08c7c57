"""A number counts however it is written: the question's 1/3, 9成, 150 or 2005年 is the article's
三分之一, 90%, １５０ or 二〇〇五年; and the number asked for is the one in the measure asked for."""

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
    _answers(qa, (
        ("1708年普鲁士约1/3的人口死于什么？", "鼠疫"),
        ("稻米的哪一部分含有9成以上的必需营养素？", "米糠"),
        ("造成150人死亡的爆炸发生在哪一天？", "１１月２０日"),
        ("计算机系2005年迁入了哪个学院？", "信息学院"),
    ))


def _answers(qa, cases) -> None:
    """Each question is answered, and its answer holds the expected words."""
    for question, expected in cases:
        answer = qa.ask(question)
        assert answer.found and expected in answer.text, (question, answer.text)


def test_a_number_in_words_is_only_found_whole():
    """二十 is not the 二十 of 一百二十 or 二十三, 三名 not the 三名 of 十三名, nor 5 the 5 of 50 or 1.5,
    nor 第2 the 第2 of 第20."""
    assert holds("二十世纪最重要的发明", "二十")
    assert not holds("共有一百二十人参加", "二十")
    assert not holds("二十三岁时进入公司", "二十")
    assert holds("共有三名学生获奖", "三名") and not holds("共有十三名学生获奖", "三名")
    assert not holds("投资1.5亿元", "5")
    assert holds("投资5亿元", "5")
    assert holds("第2届运动会", "第2") and not holds("第20届运动会", "第2")
    # The index's words are lower-cased; the article writes the name as it is spelt.
    assert holds("新款游戏机3DS今天发售", "3ds") and not holds("新款游戏机13DS今天发售", "3ds")


def test_a_number_is_not_found_inside_another_nor_in_a_word(qa_over):
    """三名 is not in 十三名, the 10 of 10个 is not the 十 of 十分: a question whose number the article
    does not give is refused. And 这一成果 names no 10% (一成): it is answered."""
    qa = qa_over({
        "fire.txt": "工厂火灾\n\n本报讯 昨日某工厂发生火灾，造成十三名工人受伤，火势已被控制。\n",
        "city.txt": "旧区改造\n\n本报讯 市长在会上表示，这一点十分重要，全市将投入资金改造老旧小区。\n",
        "paper.txt": "科研成果\n\n本报讯 该团队历时五年完成研究，这一成果发表在《自然》杂志上。\n",
    })
    assert not qa.ask("哪家工厂的火灾造成3名工人受伤？").found
    assert not qa.ask("市长表示全市将投入资金改造哪10个小区？").found
    answer = qa.ask("这一成果发表在哪本杂志上？")
    assert answer.found and "自然" in answer.text, answer.text


def test_a_number_is_asked_for_in_its_own_measure(qa_over):
    """多少人 is answered by 7名 or 15位 as by 7人; a question needing the one word refused the article
    using the other. 多少年轻人 counts people: it asks for no number of years. 多久 asks for a
    span of time, not for how many were sentenced."""
    qa = qa_over({
        "court.txt": "法院宣判\n\n本报讯 法院昨日宣判，两名男子因抢劫罪各被判处12年有期徒刑。\n",
        "raid.txt": "警方突袭窝点\n\n本报讯 警方昨日突袭城郊一处窝点，共逮捕7名嫌疑人。此次行动持续了3天。\n",
        "bridge.txt": "大桥论证会\n\n本报讯 新大桥方案论证会昨日召开，来自各地的15位专家参加了论证。\n",
        "youth.txt": "志愿服务\n\n本报讯 今年暑假，全市共有两万名年轻人报名参加志愿服务，服务时长累计超过5年。\n",
    })
    _answers(qa, (
        ("警方在窝点逮捕了多少人？", "7名"),
        ("多少人参加了新大桥方案论证？", "15位"),
        ("全市有多少年轻人报名参加志愿服务？", "两万名"),
        ("因抢劫罪被判刑的男子被判处多久的有期徒刑？", "12年"),
    ))
