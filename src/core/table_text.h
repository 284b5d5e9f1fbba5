#ifndef CHECKSHEET_TABLE_TEXT_H
#define CHECKSHEET_TABLE_TEXT_H

#include <stdbool.h>

#include "model.h"

/* A table answer in one spreadsheet cell, readable in Excel and read back
 * exactly (FORMAT, "Table items in one cell"):
 *
 *   サービス: Amazon Web Services
 *   用途: インフラ
 *     （東京リージョン）
 *
 *   サービス: Salesforce
 *
 * Each cell of a row is a line "LABEL: text" (the column's label in the
 * export language; a cell under a key the template does not name uses the
 * key); further lines of a multi-line cell follow indented by two spaces;
 * rows are separated by an empty line; empty cells are left out, and a row
 * with no cell at all is written as its first column's label alone. */
char *table_text_encode(const tmpl_item *it, const answer *an, const char *lang);

/* Reads text written as above (labels in any language the template has,
 * or column ids) into rows appended to an. Also reads the older form, one
 * row a line with cells separated by " | ", when no line has a label.
 * False, with an unchanged, when the text is neither: a person must look. */
bool table_text_decode(const tmpl_item *it, const char *text, answer *an);

#endif
