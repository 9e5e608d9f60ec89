#!/usr/bin/env python3
"""Writes the spreadsheets the import tests read, into
tests/fixtures/import/sheets/: CSV files the way Excel and LibreOffice
save them (BOM, `;`, CRLF, Windows-1252, line breaks inside cells), an
.xlsx workbook with two sheets and an .ods workbook.

    pip install openpyxl odfpy
    python3 scripts/make-import-fixtures.py

The files are committed; the tests never run this script. Run it again
only to change a fixture, and update the expected files beside them.
"""

import csv
import datetime
import io
import os

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "import", "sheets")


def write_csv(name, rows, delimiter=",", encoding="utf-8", bom=False, crlf=True):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def excel_csv():
    """A German Excel "CSV UTF-8" export: BOM, `;`, CRLF, a cell with a
    line break (Alt+Enter), a blank row, labels instead of ids."""
    write_csv(
        "touchpoints-excel.csv",
        [
            ["Titel", "Beschreibung", "Kanal", "Phasen", "Verantwortlich", "Kennzahlen",
             "Eigentümer", "Begriffe", "Schlagwörter", "Stand:", "Notiz"],
            ["Live-Chat", "Kunden klären Fragen im Chat; direkt auf der Website.",
             "Kundenservice", "Abwägung; Kauf", "Kundenservice", "Erstlösungsquote\nAntwortzeit",
             "Marke", "Chatbot", "Service", "10.04.2026", "nur intern"],
            ["Außenwerbung", 'Plakate "groß" und digital.', "Offline-Kanäle", "Bewusstsein",
             "Marketing", "Kontaktchancen", "partner", "", "Werbung; Print", "2026-04-09", ""],
            ["", "", "", "", "", "", "", "", "", "", ""],
            ["E-Mail-Newsletter", "Zeile eins\nZeile zwei mit \\ und +++", "online",
             "Consideration\nLoyalty", "Marketing", "Öffnungsrate; Klickrate", "Brand",
             "CRM", "", "", ""],
        ],
        delimiter=";",
        bom=True,
    )


def workbook_xlsx():
    """Two sheets: touchpoints first, terms second (read with --sheet)."""
    book = openpyxl.Workbook()
    book.properties.creator = "touchbase tests"
    fixed = datetime.datetime(2026, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    sheet = book.active
    sheet.title = "Touchpoints"
    sheet.append(["Title", "Description", "Channel", "Stages", "Owner", "KPIs",
                  "Ownership", "Updated", "Weight", "Text"])
    sheet.append(["Website", "Die Startseite und alle Produktseiten.", "Online presence",
                  "Awareness\nConsideration", "E-Commerce", "Besuche; Absprungrate", "brand",
                  datetime.date(2026, 3, 1), 1, "# Website\n\nDer erste Eindruck zählt."])
    sheet.append(["Rechnung", "Die Rechnung per E-Mail.", "after-purchase", "purchase",
                  "Buchhaltung", 42, "Marke", None, None, None])
    sheet["H2"].number_format = "DD.MM.YYYY"
    terms = book.create_sheet("Begriffe")
    terms.append(["Begriff", "Beschreibung", "Synonyme", "Abkürzung", "Verwandte Begriffe"])
    terms.append(["Customer Journey", "Der Weg eines Kunden durch alle Kontaktpunkte.",
                  "Kundenreise; Customer Journeys", "", "Chatbot; CRM"])
    terms.append(["Net Promoter Score", "Wie wahrscheinlich Kunden weiterempfehlen.",
                  "", "NPS", "Customer Journey"])
    book.save(os.path.join(OUT, "workbook.xlsx"))


def ods_cell(value):
    if isinstance(value, datetime.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        cell.addElement(P(text=value.strftime("%d.%m.%Y")))
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
    elif value:
        cell = TableCell(valuetype="string")
        for line in value.split("\n"):
            cell.addElement(P(text=line))
    else:
        cell = TableCell()
    return cell


def glossary_ods():
    """Terms in two languages; the English ones pair with the German ones
    through a translation key and have slugs of their own."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Glossar")
    rows = [
        ["Titel", "Beschreibung", "Synonyme", "Abkürzung", "Sprache", "Slug",
         "translation_key", "Aktualisiert", "Gewichtung"],
        ["Kundenbindung", "Wie stark Kunden einem Unternehmen treu bleiben.",
         "Kundentreue\nLoyalität", "", "de", "", "", datetime.date(2026, 2, 1), 1],
        ["Customer loyalty", "How strongly customers stay with a company.",
         "Loyalty", "", "en", "customer-loyalty", "kundenbindung", datetime.date(2026, 2, 1), 1],
        ["Customer Lifetime Value", "Der Wert eines Kunden über die ganze Beziehung.",
         "", "CLV", "de", "", "", None, None],
    ]
    for values in rows:
        row = TableRow()
        for value in values:
            row.addElement(ods_cell(value))
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(os.path.join(OUT, "glossary.ods"))


def error_sheets():
    write_csv("unknown-channel.csv", [["Titel", "Kanal"], ["Website", "Onlne-Präsenz"]])
    write_csv("no-title.csv", [["Bezeichnung", "Kanal", "Notiz"], ["Website", "online", ""]],
              delimiter=";")
    write_csv("duplicate-slug.csv",
              [["Titel", "Kanal"], ["Live-Chat", "online"], ["Website", "online"],
               ["Live Chat", "service"]])
    write_csv("exists.csv", [["Titel", "Kanal"], ["Hotline", "Kundenservice"]])
    write_csv("bad-ownership.csv",
              [["Titel", "Kanal", "Eigentümer"], ["Filiale", "offline", "Firma"],
               ["Partnerportal", "online", "partnr"]])
    write_csv("unclosed-quote.csv", [["Titel", "Kanal"], ["Website", "online"]])
    with open(os.path.join(OUT, "unclosed-quote.csv"), "ab") as f:
        f.write(b'"Hotline 2,service\r\nChat,online\r\n')
    write_csv("update.csv",
              [["Titel", "Beschreibung", "Kanal", "Phasen", "Kennzahlen"],
               ["Hotline", "Telefonischer Service, \"rund um die Uhr\".", "Kundenservice",
                "Nutzung; Bindung", "Wartezeit"],
               ["Chat", "Neu dazu.", "online", "", ""]])
    write_csv("one-bad-row.csv",
              [["Titel", "Kanal", "Phasen"], ["Filiale", "offline", "Kauf"],
               ["Website", "online", "Bewusstsein"], ["App", "online", "Nutzung"],
               ["Paket", "after-purchase", "Kauf; Onbording"], ["Retoure", "after-purchase", ""]])
    write_csv("latin1.csv",
              [["Titel", "Kanal", "Phasen", "Verantwortlich"],
               ["Außenwerbung", "Offline-Kanäle", "Bewusstsein", "Marketing München"]],
              delimiter=";", encoding="cp1252")
    write_csv("unknown-term.csv",
              [["Titel", "Kanal", "Begriffe"], ["Website", "online", "Chatbot; Kundenbindng"]])
    with open(os.path.join(OUT, "not-a-workbook.xlsx"), "w") as f:
        f.write("Titel,Kanal\nWebsite,online\n")
    with open(os.path.join(OUT, "notes.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n")


# Thirty touchpoints of a German Excel export ("CSV (Trennzeichen-getrennt)":
# Windows-1252, `;`, CRLF), with the labels of the demo's stages and
# channels instead of ids, German dates and terms of the demo's glossary.
THIRTY = [
    ("Paketbenachrichtigung per SMS", "Nach dem Kauf", "Kauf; Onboarding", "Logistik", "Marke", "Moment of Truth"),
    ("Kundenkonto-App", "Online-Präsenz", "Nutzung\nBindung", "Digitale Produkte", "Marke", "Kundenbindung"),
    ("Sprachassistent", "Kundenservice", "Nutzung", "Kundenservice", "Partner", "Chatbot"),
    ("Pop-up-Store", "Offline-Kanäle", "Bewusstsein; Abwägung", "Marketing", "Marke", "Markenerlebnis"),
    ("Influencer-Kooperation", "Online-Präsenz", "Bewusstsein", "Marketing", "Partner", "Mundpropaganda"),
    ("Preisvergleichsportal", "Online-Präsenz", "Abwägung", "E-Commerce", "Extern", "Konversionsrate"),
    ("Produktkonfigurator", "Online-Präsenz", "Abwägung; Kauf", "E-Commerce", "Marke", "Personalisierung"),
    ("Ratenkauf an der Kasse", "Offline-Kanäle", "Kauf", "Vertrieb", "Partner", "Pain Point"),
    ("Click & Collect", "Offline-Kanäle", "Kauf; Onboarding", "Filialen", "Marke", "Omnichannel"),
    ("Willkommenspaket", "Nach dem Kauf", "Onboarding", "Kundenservice", "Marke", "Onboarding"),
    ("Video-Tutorials", "Online-Präsenz", "Onboarding; Nutzung", "Produktmanagement", "Marke", "Customer Effort Score"),
    ("Community-Forum", "Online-Präsenz", "Nutzung; Empfehlung", "Community", "Kunde", "Kundenfeedback"),
    ("Wartungserinnerung", "Nach dem Kauf", "Nutzung; Bindung", "Kundenservice", "Marke", "Kundenbindung"),
    ("Reparaturservice", "Kundenservice", "Nutzung", "Technischer Service", "Marke", "Kundenzufriedenheit"),
    ("Geburtstagsgutschein", "Nach dem Kauf", "Bindung", "CRM-Team", "Marke", "Personalisierung"),
    ("Kundenzeitschrift", "Offline-Kanäle", "Bindung", "Marketing", "Marke", "Markenerlebnis"),
    ("Bewertungsanfrage per E-Mail", "Nach dem Kauf", "Empfehlung", "CRM-Team", "Marke", "Net Promoter Score"),
    ("Freunde-werben-Freunde-Aktion", "Online-Präsenz", "Empfehlung", "Marketing", "Marke", "Mundpropaganda"),
    ("Rückrufservice", "Kundenservice", "Abwägung; Nutzung", "Kundenservice", "Marke", "Customer Effort Score"),
    ("WhatsApp-Service", "Kundenservice", "Kauf; Nutzung", "Kundenservice", "Partner", "Chatbot"),
    ("Suchmaschinenanzeigen", "Online-Präsenz", "Bewusstsein; Abwägung", "Performance-Marketing", "Partner", "Lead"),
    ("Radiowerbung", "Offline-Kanäle", "Bewusstsein", "Marketing", "Partner", "Markenerlebnis"),
    ("Schaufenster", "Offline-Kanäle", "Bewusstsein", "Filialen", "Marke", "Moment of Truth"),
    ("Probefahrt und Testgerät", "Offline-Kanäle", "Abwägung", "Vertrieb", "Marke", "Moment of Truth"),
    ("Vertragsunterlagen per Post", "Nach dem Kauf", "Kauf", "Vertragsmanagement", "Marke", "Customer Experience"),
    ("Lieferstatus-Seite", "Online-Präsenz", "Kauf; Onboarding", "Logistik", "Marke", "Customer Effort Score"),
    ("Servicetermin online buchen", "Online-Präsenz", "Nutzung", "Technischer Service", "Marke", "Pain Point"),
    ("Kündigungsstrecke", "Online-Präsenz", "Bindung", "Produktmanagement", "Marke", "Abwanderungsrate"),
    ("Kundenbeirat", "Offline-Kanäle", "Bindung; Empfehlung", "Geschäftsführung", "Kunde", "Kundenfeedback"),
    ("Jahresrückblick per E-Mail", "Nach dem Kauf", "Bindung; Empfehlung", "CRM-Team", "Marke", "Customer Lifetime Value"),
]


def thirty(name, broken_row=None):
    rows = [["Titel", "Beschreibung", "Kanal", "Phasen", "Verantwortlich", "Kennzahlen",
             "Eigentümer", "Begriffe", "Schlagwörter", "Stand"]]
    for i, (title, channel, stages, owner, ownership, term) in enumerate(THIRTY):
        if broken_row is not None and i + 2 == broken_row:
            stages = stages.replace("Bindung", "Bindnug")
        rows.append([
            title,
            f"{title}: ein Kontaktpunkt, den das Team „{owner}“ betreut.",
            channel,
            stages,
            owner,
            "Reichweite\nZufriedenheit",
            ownership,
            term,
            "Import",
            f"{(i % 28) + 1:02d}.05.2026",
        ])
    write_csv(name, rows, delimiter=";", encoding="cp1252")


def main():
    os.makedirs(OUT, exist_ok=True)
    excel_csv()
    workbook_xlsx()
    glossary_ods()
    error_sheets()
    thirty("demo-30.csv")
    thirty("demo-30-broken.csv", broken_row=17)


if __name__ == "__main__":
    main()
