#!/usr/bin/python3
"""Writes, once, the Word template of the regional order for bench_docx: the order of
templates/regional-order.yaml as a clerk would lay it out in Word (python-docx), its fields as
docxtpl's Jinja tags over the same context JSON our renderer reads.

  docx_order_template.py OUT.docx
"""
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

INTRO = ("В соответствии с методикой выявления общеобразовательных организаций, имеющих низкие "
         "образовательные результаты, разработанной ФГБУ «Федеральный институт оценки качества "
         "образования», перечнем общеобразовательных организаций, имеющих низкие образовательные "
         "результаты, в целях организации адресной методической помощи этим школам на основе "
         "сетевого взаимодействия со школами, имеющими более высокие результаты,")
ITEMS = [
    "1. Реализовать проект по оказанию адресной методической помощи школам с низкими "
    "образовательными результатами (далее — Проект) в период с {{period.from}} по {{period.to}}.",
    "2. Утвердить список образовательных организаций, имеющих по результатам оценочных процедур "
    "низкие образовательные результаты обучающихся, для участия в реализации Проекта на "
    "региональном уровне (список 1.1) и муниципальном уровне (список 1.2) согласно приложению "
    "№ 1 к настоящему приказу.",
    "3. Назначить лиц, ответственных за реализацию Проекта, согласно приложению № 2 к настоящему "
    "приказу.",
    "4. Утвердить список школ-партнёров для реализации Проекта на региональном уровне согласно "
    "приложению № 3 к настоящему приказу.",
    "5. Утвердить план мероприятий («дорожную карту») реализации Проекта согласно приложению № 4 "
    "к настоящему приказу.",
    "6. Определить региональным оператором реализации Проекта в {{year}} году {{operator}} "
    "(далее — региональный оператор) и поручить ему:",
    "6.1. обеспечить организационно-методическое сопровождение Проекта, закрепить кураторов за "
    "образовательными организациями, включёнными в списки 1.1 и 1.2;",
    "6.2. провести установочный вебинар для участников Проекта, консультирование по разработке "
    "программ перехода школ в эффективный режим работы и «дорожных карт» их реализации;",
    "6.3. проводить ежемесячные собеседования с управленческими командами школ, мониторинг "
    "качества школьных процессов и профилактики учебной неуспешности;",
    "6.4. провести в декабре {{year}} года региональный методический семинар по итогам "
    "реализации Проекта.",
    "7. Рекомендовать руководителям органов местного самоуправления, осуществляющих управление в "
    "сфере образования:",
    "7.1. назначить муниципальных координаторов Проекта, обеспечить их участие в разработке и "
    "экспертизе программных документов школ;",
    "7.2. закрепить наставников за учителями русского языка и математики школ — участников "
    "Проекта, организовать партнёрство «сильная — слабая» школа;",
    "7.3. рассматривать вопросы повышения качества образовательных результатов школ — "
    "участников Проекта на аппаратных совещаниях.",
    "8. Контроль за исполнением настоящего приказа оставляю за собой.",
]
STAMP = ["{{approved}}", "приказом {{authority_genitive}}",
         "от {{order.date}} № {{order.number}}"]


def paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=False, indent=True):
    p = doc.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Mm(12.5)
    p.add_run(text).bold = bold
    return p


def appendix(doc, number, approval=True):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    lines = ["Приложение № %d" % number, "к приказу {{authority_genitive}}",
             "от {{order.date}} № {{order.number}}"] + (STAMP if approval else [])
    for line in lines:
        p = doc.add_paragraph(line)
        p.paragraph_format.left_indent = Mm(99)


def table(doc, caption, headers, widths, loop, cells):
    if caption:
        paragraph(doc, caption, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Table Grid"
    for c, header in enumerate(headers):
        t.cell(0, c).text = header
        t.cell(0, c).width = Mm(widths[c])
    t.cell(1, 0).text = "{%%tr for s in %s %%}" % loop
    for c, cell in enumerate(cells):
        t.cell(2, c).text = cell
    t.cell(3, 0).text = "{%tr endfor %}"


def main(out):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    for text in ["{{authority}}", "ПРИКАЗ"]:
        paragraph(doc, text, WD_ALIGN_PARAGRAPH.CENTER, True, False)
    paragraph(doc, "{{order.date}}\t№ {{order.number}}", WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    paragraph(doc, "{{place}}", WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph(doc, "Об организации работы по оказанию адресной методической помощи школам с "
              "низкими образовательными результатами", WD_ALIGN_PARAGRAPH.CENTER, True, False)
    paragraph(doc, INTRO)
    paragraph(doc, "приказываю:", indent=False)
    for item in ITEMS:
        paragraph(doc, item)
    paragraph(doc, "{{signer.position}}\t{{signer.name}}", WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    school_columns = (["№ п/п", "Наименование ОО", "Муниципальное образование"], [14, 96, 55])
    appendix(doc, 1)
    paragraph(doc, "Список образовательных организаций, имеющих низкие образовательные результаты "
              "обучающихся, для участия в реализации Проекта", WD_ALIGN_PARAGRAPH.CENTER, True,
              False)
    for caption, loop in [("Список 1.1. Региональный уровень", "list_1_1"),
                          ("Список 1.2. Муниципальный уровень", "list_1_2")]:
        table(doc, caption, *school_columns, loop,
              ["{{loop.index}}", "{{s.name}}", "{{s.municipality}}"])
    appendix(doc, 2, approval=False)
    paragraph(doc, "Лица, ответственные за реализацию Проекта", WD_ALIGN_PARAGRAPH.CENTER, True,
              False)
    table(doc, "", ["№ п/п", "Фамилия, имя, отчество", "Роль в Проекте",
                    "Закреплённые муниципальные образования", "Контакты"], [12, 35, 32, 37, 49],
          "responsible", ["{{loop.index}}", "{{s.full_name}}", "{{s.role}}", "{{s.area}}",
                          "{{s.email}} {{s.phone}}"])
    appendix(doc, 3)
    paragraph(doc, "Список школ-партнёров для реализации Проекта на региональном уровне",
              WD_ALIGN_PARAGRAPH.CENTER, True, False)
    table(doc, "", ["№ п/п", "ОО — участник Проекта", "Муниципальное образование",
                    "Школа-партнёр"], [12, 58, 40, 55], "partners",
          ["{{loop.index}}", "{{s.school}}", "{{s.municipality}}", "{{s.partner}}"])
    appendix(doc, 4)
    paragraph(doc, "План мероприятий («дорожная карта») реализации Проекта",
              WD_ALIGN_PARAGRAPH.CENTER, True, False)
    table(doc, "", ["Этап, сроки", "Задачи участников, сроки их выполнения, исполнители"],
          [56, 109], "stages",
          ["{{s.id}}. {{s.title}} {{s.from}} — {{s.to}}",
           "{% for t in s.tasks %}{{loop.index}}) {{t.title}}{% if t.due %} — до {{t.due}}"
           "{% endif %} ({{t.owner}}) {% endfor %}"])
    doc.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
