#include <config.h>

/* A sheet's rows into answers: find the header (the METI checklist's own,
 * the usual names of Japanese and English check sheets, or --columns),
 * pass over title, group and repeated header rows, match each row to an
 * item by No. or title, and read its cells (import_prose.c). */

#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strmap.h"
#include "table_text.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

typedef enum head_kind {
	HEAD_NONE, HEAD_NO, HEAD_TITLE, HEAD_VALUE, HEAD_NOTE, HEAD_STATUS, HEAD_SECTION, HEAD_OTHER,
	HEAD_KIND_COUNT
} head_kind;

/* Header names, normalised as norm_key leaves them (ASCII lower case, no
 * brackets or dots). HEAD_OTHER names are known columns that hold no
 * answer: they make a row a header, nothing more. */
static const struct {
	const char *name;
	head_kind kind;
} header_names[] = {
	{"no", HEAD_NO}, {"番号", HEAD_NO}, {"項番", HEAD_NO}, {"#", HEAD_NO}, {"項目番号", HEAD_NO},
	{"管理番号", HEAD_NO}, {"通番", HEAD_NO}, {"id", HEAD_NO},
	{"項目", HEAD_TITLE}, {"項目名", HEAD_TITLE}, {"item", HEAD_TITLE}, {"title", HEAD_TITLE},
	{"チェック項目", HEAD_TITLE}, {"サービスレベル項目", HEAD_TITLE}, {"サービスレベル項目例", HEAD_TITLE},
	{"確認項目", HEAD_TITLE}, {"質問", HEAD_TITLE}, {"質問項目", HEAD_TITLE}, {"question", HEAD_TITLE},
	{"評価項目", HEAD_TITLE}, {"設問", HEAD_TITLE}, {"設問内容", HEAD_TITLE}, {"質問内容", HEAD_TITLE},
	{"確認事項", HEAD_TITLE}, {"確認内容", HEAD_TITLE}, {"ご質問", HEAD_TITLE}, {"チェック内容", HEAD_TITLE},
	{"回答", HEAD_VALUE}, {"回答欄", HEAD_VALUE}, {"回答内容", HEAD_VALUE}, {"貴社回答", HEAD_VALUE},
	{"御社回答", HEAD_VALUE}, {"設定", HEAD_VALUE}, {"設定値", HEAD_VALUE}, {"設定内容", HEAD_VALUE},
	{"対応状況", HEAD_VALUE}, {"回答値", HEAD_VALUE}, {"値", HEAD_VALUE}, {"answer", HEAD_VALUE},
	{"answers", HEAD_VALUE}, {"response", HEAD_VALUE}, {"yes/no", HEAD_VALUE}, {"value", HEAD_VALUE},
	{"vendor response", HEAD_VALUE}, {"your answer", HEAD_VALUE}, {"ご回答", HEAD_VALUE},
	{"回答結果", HEAD_VALUE},
	{"備考", HEAD_NOTE}, {"補足", HEAD_NOTE}, {"補足説明", HEAD_NOTE}, {"コメント", HEAD_NOTE},
	{"comments", HEAD_NOTE}, {"comment", HEAD_NOTE}, {"notes", HEAD_NOTE}, {"note", HEAD_NOTE},
	{"remarks", HEAD_NOTE}, {"説明", HEAD_NOTE},
	{"回答状況", HEAD_STATUS}, {"answer status", HEAD_STATUS},
	{"種別", HEAD_SECTION}, {"section", HEAD_SECTION}, {"分類", HEAD_SECTION}, {"区分", HEAD_SECTION},
	{"カテゴリ", HEAD_SECTION}, {"カテゴリー", HEAD_SECTION}, {"category", HEAD_SECTION}, {"大項目", HEAD_SECTION},
	{"規定内容", HEAD_OTHER}, {"description", HEAD_OTHER}, {"測定単位", HEAD_OTHER}, {"unit", HEAD_OTHER},
	{"単位", HEAD_OTHER}, {"状態", HEAD_OTHER}, {"status", HEAD_OTHER}, {"判定", HEAD_OTHER},
	{"verdict", HEAD_OTHER}, {"設定例", HEAD_OTHER}, {"sample setting", HEAD_OTHER}, {"内容", HEAD_OTHER},
};

static char *norm_key(const char *s)
{
	char *n = units_normalize(s);
	/* brackets, dots and separators do not tell headers or titles apart;
	 * one pass, so that a long cell of them costs no more than its length */
	static const char *const drop[] = {"（", "）", "・", "／", "【", "】", "「", "」", "．"};
	char *o = n;
	for (char *p = n; *p;) {
		if (strchr("().[]:", *p)) { /* ASCII only: bytes of Japanese stay whole */
			p++;
			continue;
		}
		bool dropped = false;
		/* every dropped mark is three bytes from U+3000 on */
		for (size_t i = 0; (unsigned char)*p >= 0xE3 && i < sizeof drop / sizeof *drop && !dropped; i++) {
			size_t k = strlen(drop[i]);
			if (strncmp(p, drop[i], k) == 0) {
				p += k;
				dropped = true;
			}
		}
		if (!dropped)
			*o++ = *p++;
	}
	*o = '\0';
	return n;
}

/* A header cell's kind. "回答（有・無）" and "Answer (Yes/No)" are 回答 and
 * answer: what a header adds in brackets is a hint for whoever fills it. */
static head_kind header_kind(const char *cell)
{
	if (!*cell || strlen(cell) > 200)
		return HEAD_NONE;
	char *n = units_normalize(cell);
	/* English headers keep their spaces: "answer status" */
	char *spaced = xstrdup(cell);
	for (char *p = spaced; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	head_kind r = HEAD_NONE;
	for (int pass = 0; pass < 2 && r == HEAD_NONE; pass++) {
		char *base = xstrdup(pass ? cell : spaced);
		for (char *p = base; *p; p++) {
			if (p != base && (*p == '(' || strncmp(p, "（", 3) == 0 || strncmp(p, "【", 3) == 0 || *p == '[')) {
				*p = '\0';
				break;
			}
		}
		char *k = pass ? norm_key(base) : xstrdup(base);
		if (!pass) {
			/* trim and lower-case only, for multi-word English names */
			char *t = k;
			while (*t == ' ')
				t++;
			memmove(k, t, strlen(t) + 1);
			size_t len = strlen(k);
			while (len && (k[len - 1] == ' ' || k[len - 1] == '\n' || k[len - 1] == '\r'))
				k[--len] = '\0';
		}
		for (size_t i = 0; i < sizeof header_names / sizeof *header_names; i++)
			if (strcmp(k, header_names[i].name) == 0) {
				r = header_names[i].kind;
				break;
			}
		free(k);
		free(base);
	}
	free(n);
	free(spaced);
	return r;
}

typedef struct columns {
	int at[HEAD_KIND_COUNT]; /* 1-based column of each kind, 0 for none */
	int hits;
} columns;

int import_header_kind(const char *cell)
{
	static const int kinds[HEAD_KIND_COUNT] = {
		[HEAD_NONE] = IMPORT_HEAD_NONE, [HEAD_NO] = IMPORT_HEAD_NO, [HEAD_TITLE] = IMPORT_HEAD_TITLE,
		[HEAD_VALUE] = IMPORT_HEAD_VALUE, [HEAD_NOTE] = IMPORT_HEAD_NOTE, [HEAD_STATUS] = IMPORT_HEAD_OTHER,
		[HEAD_SECTION] = IMPORT_HEAD_OTHER, [HEAD_OTHER] = IMPORT_HEAD_OTHER,
	};
	return kinds[header_kind(cell)];
}

static columns row_columns(const grid_row *r)
{
	columns c;
	memset(&c, 0, sizeof c);
	for (size_t i = 0; i < r->n; i++) {
		head_kind k = header_kind(r->cells[i]);
		if (k == HEAD_NONE)
			continue;
		c.hits++;
		if (k != HEAD_OTHER && !c.at[k])
			c.at[k] = (int)i + 1;
	}
	/* no answer column, but a note column: the sheet's answers are there */
	if (!c.at[HEAD_VALUE] && c.at[HEAD_NOTE]) {
		c.at[HEAD_VALUE] = c.at[HEAD_NOTE];
		c.at[HEAD_NOTE] = 0;
		for (size_t i = (size_t)c.at[HEAD_VALUE]; i < r->n; i++)
			if (header_kind(r->cells[i]) == HEAD_NOTE) {
				c.at[HEAD_NOTE] = (int)i + 1;
				break;
			}
	}
	return c;
}

static bool is_header(const columns *c) { return c->hits >= 2 && c->at[HEAD_VALUE] && (c->at[HEAD_NO] || c->at[HEAD_TITLE]); }

bool import_parse_columns(const char *map, import_options *opt)
{
	char *copy = xstrdup(map), *save = NULL;
	bool ok = true;
	for (char *tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		char *end = NULL;
		long v = eq ? strtol(eq + 1, &end, 10) : 0;
		int n = eq && end != eq + 1 && !*end && v >= 1 && v <= (long)LOAD_DEFAULT_MAX_LIST ? (int)v : 0;
		if (!eq || n < 1) {
			ok = false;
			break;
		}
		*eq = '\0';
		if (strcmp(tok, "no") == 0)
			opt->col_no = n;
		else if (strcmp(tok, "title") == 0 || strcmp(tok, "item") == 0)
			opt->col_title = n;
		else if (strcmp(tok, "value") == 0 || strcmp(tok, "answer") == 0)
			opt->col_value = n;
		else if (strcmp(tok, "note") == 0)
			opt->col_note = n;
		else if (strcmp(tok, "status") == 0)
			opt->col_status = n;
		else
			ok = false;
	}
	free(copy);
	return ok && (opt->col_no || opt->col_title) && opt->col_value;
}

/* Undoes the export's formula guard: '=1+2 was =1+2. */
static char *unguard(const char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return xstrdup(s + 1);
	return xstrdup(s);
}

/* The template's items by No. and by normalised title, built once: a
 * sheet of many rows against a template of many items stays linear. */
typedef struct item_lookup {
	strmap by_no, by_title, groups;
	const template *t;
	bool titles_built;   /* by_title, on the first row matched by title */
} item_lookup;

static void lookup_init(item_lookup *l, const template *t)
{
	strmap_init(&l->by_no);
	strmap_init(&l->by_title);
	strmap_init(&l->groups);
	l->t = t;
	l->titles_built = false;
	for (size_t i = 0; i < t->n_items; i++)
		if (t->items[i].no)
			strmap_put(&l->by_no, t->items[i].no, i); /* the first wins */
	/* section titles and groups: what a group row says */
	for (size_t s = 0; s < t->n_sections; s++) {
		const ltext *names[] = {&t->sections[s].title, &t->sections[s].group};
		for (size_t w = 0; w < 2; w++)
			for (size_t j = 0; j < names[w]->n; j++) {
				char *k = norm_key(names[w]->v[j].text);
				strmap_put(&l->groups, k, s);
				free(k);
			}
	}
}

static void lookup_free(item_lookup *l)
{
	strmap_free(&l->by_no);
	strmap_free(&l->by_title);
	strmap_free(&l->groups);
}

static const tmpl_item *match_item(const template *t, item_lookup *l, const char *no, const char *title)
{
	size_t k;
	if (*no) {
		char *n = units_normalize(no);
		char *p = n;
		if (strncmp(p, "no.", 3) == 0)
			p += 3;
		else if (strncmp(p, "no", 2) == 0)
			p += 2;
		const tmpl_item *it = strmap_get(&l->by_no, p, &k) ? &t->items[k] : NULL;
		if (!it)
			it = template_item(t, no);
		free(n);
		if (it)
			return it;
	}
	if (*title) {
		if (!l->titles_built) {
			for (size_t i = 0; i < t->n_items; i++)
				for (size_t j = 0; j < t->items[i].title.n; j++) {
					char *have = norm_key(t->items[i].title.v[j].text);
					size_t first;
					if (!strmap_get(&l->by_title, have, &first))
						strmap_put(&l->by_title, have, i);
					free(have);
				}
			l->titles_built = true;
		}
		char *want = norm_key(title);
		const tmpl_item *found = strmap_get(&l->by_title, want, &k) ? &t->items[k] : NULL;
		free(want);
		return found;
	}
	return NULL;
}

static const char *status_of(const char *cell)
{
	static const struct {
		const char *word, *status;
	} words[] = {
		{"final", "final"}, {"確定", "final"}, {"draft", "draft"}, {"下書き", "draft"},
	};
	char *n = units_normalize(cell);
	const char *r = NULL;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(n, words[i].word) == 0)
			r = words[i].status;
	free(n);
	return r;
}

static void join_note(answer *an, const char *from_value, const char *note)
{
	if (from_value && *from_value && *note) {
		char *both = xasprintf("%s\n%s", from_value, note);
		answer_set(&an->note, both);
		free(both);
	} else
		answer_set(&an->note, from_value && *from_value ? from_value : note);
}

/* Fills one answer from its cells; says what became of it. */
static void fill_answer(const tmpl_item *it, long idx, const char *value_cell, const char *note_cell,
			const char *status_cell, int line, answers *a, import_report *rep)
{
	answer *an = answers_get(a, it->id);
	char *val = html_to_text(value_cell), *note = html_to_text(note_cell);
	const char *status = status_of(status_cell);
	import_entry *e;
	if (it->unit == UNIT_TABLE) {
		if (table_text_decode(it, val, an)) {
			answer_set(&an->note, note);
			e = import_report_add(rep, *val || *note ? IMPORT_COPIED : IMPORT_EMPTY, line, idx);
		} else {
			join_note(an, val, note);
			e = import_report_add(rep, IMPORT_FOR_PERSON, line, idx);
			e->why = xstrdup(_("the table's rows cannot be told apart"));
		}
		answer_set(&an->status, status);
	} else if (import_read_cases(it, val, an)) {
		answer_set(&an->note, note);
		answer_set(&an->status, status);
		e = import_report_add(rep, IMPORT_COPIED, line, idx);
	} else {
		cell_reading cr;
		import_read_cell(it, val, &cr);
		if (cr.value)
			answer_set(&an->value, cr.value);
		join_note(an, cr.note, note);
		if (cr.outcome == IMPORT_EMPTY && !*note)
			/* nothing in the row: the item stays unanswered */
			e = import_report_add(rep, IMPORT_EMPTY, line, idx);
		else
			e = import_report_add(rep, cr.outcome == IMPORT_EMPTY ? IMPORT_COPIED : cr.outcome, line, idx);
		/* a value read out of prose waits for a person to confirm it */
		answer_set(&an->status, cr.outcome == IMPORT_PROSE ? "draft" : status);
		if (cr.outcome == IMPORT_PROSE) {
			e->phrase = xstrdup(cr.phrase);
			typed_value v;
			if (units_parse_item(it, cr.value, &v) == PARSE_OK)
				e->reading = units_format(&v);
		}
		if (cr.why)
			e->why = xstrdup(cr.why);
		cell_reading_free(&cr);
	}
	free(val);
	free(note);
}

/* The texts of a row, each once (merged cells repeat theirs). */
static size_t distinct_texts(const grid_row *r, const char **first)
{
	size_t n = 0;
	*first = NULL;
	for (size_t i = 0; i < r->n; i++) {
		if (!*r->cells[i])
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(r->cells[k], r->cells[i]) == 0;
		if (!seen) {
			if (!n)
				*first = r->cells[i];
			n++;
		}
	}
	return n;
}

static void passed_over(import_report *rep, const grid_row *r, const char *why, const char *text)
{
	import_entry *e = import_report_add(rep, IMPORT_PASSED_OVER, r->line, -1);
	e->why = xstrdup(why);
	if (text)
		e->text = xstrdup(text);
}

bool import_grid(const sheet_grid *g, const char *path, const template *t, const import_options *opt,
		 answers *a, import_report *rep, problems *ps, bool *no_header)
{
	*no_header = false;
	columns head;
	memset(&head, 0, sizeof head);
	size_t first_data = 0;
	bool found = false;
	for (size_t i = 0; i < g->n && i < 20 && !found; i++) {
		columns c = row_columns(&g->rows[i]);
		if (is_header(&c)) {
			head = c;
			first_data = i + 1;
			found = true;
		}
	}
	/* --columns wins over the header, and needs none */
	if (opt->col_value) {
		head.at[HEAD_NO] = opt->col_no;
		head.at[HEAD_TITLE] = opt->col_title;
		head.at[HEAD_VALUE] = opt->col_value;
		head.at[HEAD_NOTE] = opt->col_note;
		head.at[HEAD_STATUS] = opt->col_status ? opt->col_status : found ? head.at[HEAD_STATUS] : 0;
		if (!found)
			first_data = 0;
	} else if (!found) {
		*no_header = true;
		return true;
	}
	for (size_t i = 0; i < first_data; i++) {
		const char *text;
		if (distinct_texts(&g->rows[i], &text) && ++rep->rows)
			passed_over(rep, &g->rows[i], i + 1 == first_data ? _("header") : _("title row"), i + 1 == first_data ? NULL : text);
	}
	item_lookup lookup;
	lookup_init(&lookup, t);
	int *filled_by = xcalloc(t->n_items + 1, sizeof *filled_by);
	for (size_t i = first_data; i < g->n; i++) {
		const grid_row *r = &g->rows[i];
		const char *text;
		size_t texts = distinct_texts(r, &text);
		if (!texts)
			continue;
		rep->rows++;
		/* the header again (a printed sheet's next page): its answer cell
		 * names the column; only then is the whole row looked at */
		columns c = {{0}, 0};
		if (header_kind(grid_cell(r, head.at[HEAD_VALUE])) != HEAD_NONE)
			c = row_columns(r);
		if (is_header(&c)) {
			passed_over(rep, r, _("repeated header"), NULL);
			continue;
		}
		const char *no = grid_cell(r, head.at[HEAD_NO]), *title = grid_cell(r, head.at[HEAD_TITLE]);
		const tmpl_item *it = match_item(t, &lookup, no, title);
		const char *value = grid_cell(r, head.at[HEAD_VALUE]), *note = grid_cell(r, head.at[HEAD_NOTE]);
		cs_mark at = {r->line, 1};
		if (!it) {
			/* a row that answers nothing: a group or title row, passed over;
			 * a row with an answer but no item is an error (it would be lost) */
			bool answers_something = (*value && head.at[HEAD_VALUE] != head.at[HEAD_NO] &&
						  head.at[HEAD_VALUE] != head.at[HEAD_TITLE]) ||
						 (*note && head.at[HEAD_NOTE]);
			if (texts == 1 && !(*value && *note)) {
				char *k = norm_key(text);
				size_t s;
				bool group = strmap_get(&lookup.groups, k, &s);
				free(k);
				passed_over(rep, r, group ? _("group row") : _("a row of one text, no item"), text);
				continue;
			}
			if (!answers_something) {
				passed_over(rep, r, _("no item and no answer"), text);
				continue;
			}
			import_entry *e = import_report_add(rep, IMPORT_SKIPPED, r->line, -1);
			e->why = xasprintf(_("row %d skipped: no item has No. \"%s\" or title \"%s\""), r->line, no, title);
			if (rep->count[IMPORT_SKIPPED] <= LOAD_DEFAULT_MAX_PROBLEMS)
				problems_add(ps, path, at, SEV_ERROR, "no-such-item", "%s", e->why);
			continue;
		}
		size_t idx = (size_t)(it - t->items);
		if (filled_by[idx]) {
			import_entry *e = import_report_add(rep, IMPORT_SKIPPED, r->line, (long)idx);
			e->why = xasprintf(_("row %d skipped: No.%s was already filled by row %d"), r->line, it->no,
					   filled_by[idx]);
			if (rep->count[IMPORT_SKIPPED] <= LOAD_DEFAULT_MAX_PROBLEMS)
				problems_add(ps, path, at, SEV_ERROR, "duplicate-row", "%s", e->why);
			continue;
		}
		filled_by[idx] = r->line;
		char *v = unguard(value), *n = unguard(note), *st = unguard(grid_cell(r, head.at[HEAD_STATUS]));
		fill_answer(it, (long)idx, v, n, st, r->line, a, rep);
		free(v);
		free(n);
		free(st);
	}
	size_t skipped = rep->count[IMPORT_SKIPPED];
	if (skipped > LOAD_DEFAULT_MAX_PROBLEMS)
		/* every skipped row counts; the first ones are listed */
		problems_add(ps, path, (cs_mark){g->rows[g->n - 1].line, 1}, SEV_ERROR, "skipped-rows",
			     _("%zu more rows skipped and not listed (only the first %zu are)"),
			     skipped - LOAD_DEFAULT_MAX_PROBLEMS, (size_t)LOAD_DEFAULT_MAX_PROBLEMS);
	free(filled_by);
	lookup_free(&lookup);
	return true;
}
