#include <config.h>

#include "answers_load.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "i18n.h"
#include "xalloc.h"
#include "yaml_fields.h"
#include "yaml_reader.h"

static void read_cases(yreader *yr, void *obj, const field_spec *f);
static void read_rows(yreader *yr, void *obj, const field_spec *f);

static const field_spec answer_fields[] = {
	{"value", field_read_string, offsetof(answer, value), offsetof(answer, value_mark)},
	{"note", field_read_string, offsetof(answer, note), offsetof(answer, note_mark)},
	{"status", field_read_string, offsetof(answer, status), offsetof(answer, status_mark)},
	{"cases", read_cases, 0, offsetof(answer, cases_mark)},
	{"rows", read_rows, 0, offsetof(answer, rows_mark)},
	/* where `new --from` took the answer (reuse.h), and merge conflicts
	 * left for a person (conflict.h): known, kept with the other keys */
	{"reused-from", field_read_kept, offsetof(answer, extra), 0},
	{"conflicts", field_read_kept, offsetof(answer, extra), 0},
};

static const field_spec case_fields[] = {
	{"when", field_read_string, offsetof(answer_case, when), offsetof(answer_case, when_mark)},
	{"value", field_read_string, offsetof(answer_case, value), offsetof(answer_case, value_mark)},
};

static void read_cases(yreader *yr, void *obj, const field_spec *f)
{
	answer *an = obj;
	an->has_cases = true;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, an->n_cases + 1, yr->lim.max_cases, "too-many-cases",
			      _("too many cases in one answer (the limit is %zu)")))
			return;
		answer_case c;
		memset(&c, 0, sizeof c);
		c.when_mark = c.value_mark = yr_mark(yr);
		if (!fields_read_map(yr, &c, case_fields, sizeof case_fields / sizeof *case_fields,
				     &c.extra, "case"))
			continue;
		an->cases = grow_for(an->cases, an->n_cases, sizeof *an->cases);
		an->cases[an->n_cases++] = c;
	}
}

static void read_rows(yreader *yr, void *obj, const field_spec *f)
{
	answer *an = obj;
	an->has_rows = true;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, an->n_rows + 1, yr->lim.max_rows, "too-many-rows",
			      _("too many table rows in one answer (the limit is %zu)")))
			return;
		answer_row row;
		memset(&row, 0, sizeof row);
		row.mark = yr_mark(yr);
		yr_map m;
		if (!yr_map_begin(yr, &m, "row"))
			continue;
		while (yr_map_next(yr, &m)) {
			if (!yr_limit_key(yr, &m, row.cells.n + 1, yr->lim.max_list, "too-many-entries",
				      _("too many cells in one table row (the limit is %zu)")))
				break;
			char *text = NULL;
			cs_mark at = yr_mark(yr);
			/* a cell is a raw node, which owns its text: on the heap
			 * even when the answers' texts are in an arena */
			arena *mem = yr->mem;
			yr->mem = NULL;
			bool read = yr_scalar_dup(yr, m.key, &text);
			yr->mem = mem;
			if (read) {
				raw_node *n = raw_new(RAW_SCALAR, at);
				n->scalar = text;  /* taken */
				raw_pairs_add(&row.cells, m.key, n, m.key_mark);
			}
		}
		yr_map_end(&m);
		an->rows = grow_for(an->rows, an->n_rows, sizeof *an->rows);
		an->rows[an->n_rows++] = row;
	}
}

bool answer_read(yreader *yr, answer *an, const char *what)
{
	memset(an, 0, sizeof *an);
	return fields_read_map(yr, an, answer_fields, sizeof answer_fields / sizeof *answer_fields, &an->extra,
			       what);
}

typedef struct duplicates_ctx {
	yreader *yr;
	answers *a;
	bool *repeated;
	size_t n;
} duplicates_ctx;

static void report_duplicate(size_t later, void *ctx)
{
	duplicates_ctx *d = ctx;
	yr_duplicate_key(d->yr, d->a->v[later].key_mark, d->a->v[later].item);
	if (!d->repeated)
		d->repeated = xcalloc(d->a->n, sizeof *d->repeated);
	d->repeated[later] = true;
	d->n++;
}

/* Answers read for reading only: their index is built in one go from the
 * finished array, and a repeated id is found there, reported as the
 * reader reports one (at the later key) and left out, as the reader
 * leaves it out. */
static void index_read_only(yreader *yr, answers *a)
{
	id_index_build(&a->ids, a->n, answer_id_of, a->v);
	duplicates_ctx d = {yr, a, NULL, 0};
	id_index_duplicates(&a->ids, answer_id_of, a->v, report_duplicate, &d);
	if (!d.n)
		return;
	size_t kept = 0;
	for (size_t k = 0; k < a->n; k++)
		if (d.repeated[k])
			answer_free_borrowed(&a->v[k]);
		else
			a->v[kept++] = a->v[k];
	a->n = kept;
	free(d.repeated);
	id_index_build(&a->ids, a->n, answer_id_of, a->v);
}

static void read_answers_map(yreader *yr, void *obj, const field_spec *f)
{
	answers *a = obj;
	a->answers_mark = yr->last_key_mark;
	yr_map m;
	if (!yr_map_begin(yr, &m, f->key))
		return;
	m.caller_checks_duplicates = true; /* a->index finds them */
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, a->n + 1, yr->lim.max_items, "too-many-items",
			      _("too many answers (the limit is %zu)")))
			break;
		/* one probe: put now, taken back when the value is no answer;
		 * answers read into an arena are indexed once all are read */
		if (!yr->mem && !strmap_put(&a->index, m.key, a->n)) {
			yr_map_duplicate(yr, &m);
			continue;
		}
		answer tmp;
		if (!answer_read(yr, &tmp, m.key)) {
			if (yr->mem) {
				answer_free_borrowed(&tmp);
			} else {
				answer_free(&tmp);
				strmap_pop(&a->index);
			}
			continue;
		}
		tmp.key_mark = m.key_mark;
		tmp.item = yr->mem ? arena_strdup(yr->mem, m.key) : xstrdup(m.key);
		XGROW(a->v, a->cap, a->n + 1);
		a->v[a->n++] = tmp;
	}
	yr_map_end(&m);
	if (yr->mem)
		index_read_only(yr, a);
}

static const field_spec revision_fields[] = {
	{"version", field_read_string, offsetof(revision, version), 0},
	{"date", field_read_string, offsetof(revision, date), 0},
	{"note", field_read_string, offsetof(revision, note), 0},
};

static void read_revisions(yreader *yr, void *obj, const field_spec *f)
{
	answers *a = obj;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, a->n_revisions + 1, yr->lim.max_revisions, "too-many-revisions",
			      _("too many revisions (the limit is %zu)")))
			return;
		revision r;
		memset(&r, 0, sizeof r);
		r.mark = yr_mark(yr);
		if (!fields_read_map(yr, &r, revision_fields,
				     sizeof revision_fields / sizeof *revision_fields, &r.extra, "revision"))
			continue;
		a->revisions = grow_for(a->revisions, a->n_revisions, sizeof *a->revisions);
		a->revisions[a->n_revisions++] = r;
	}
}

static const field_spec answers_fields[] = {
	{"template", field_read_string, offsetof(answers, template_id), offsetof(answers, template_mark)},
	{"template-version", field_read_string, offsetof(answers, template_version), 0},
	{"language", field_read_string, offsetof(answers, language), 0},
	{"subject", field_read_raw_pairs, offsetof(answers, subject), 0},
	{"revisions", read_revisions, 0, 0},
	{"answers", read_answers_map, 0, 0},
	{"conflicts", field_read_kept, offsetof(answers, extra), 0},
};

static const doc_spec answers_doc = {
	"checksheet/answers", N_("an answers file"), answers_fields,
	sizeof answers_fields / sizeof *answers_fields,
};

#define ANSWER_BYTES 64
#define ANSWER_TYPICAL_BYTES 192

static bool load_in(const char *file, const char *buf, size_t len, int fd, const load_limits *limits,
		    bool read_only, answers *a, problems *ps)
{
	answers_init(a);
	a->path = xstrdup(file);
	/* as for a template's items: room for the answers of ANSWER_BYTES of
	 * YAML each (real ones take 150 and more), taken at once */
	size_t bytes = input_size(fd, len);
	a->v = xreserve(bytes / ANSWER_BYTES, sizeof *a->v, &a->cap);
	if (!read_only)
		strmap_expect(&a->index, bytes / ANSWER_TYPICAL_BYTES);
	if (read_only) {
		a->strings = xmalloc(sizeof *a->strings);
		arena_init(a->strings);
		arena_expect(a->strings, bytes / 2); /* the texts: half the file */
	}
	problems local;
	problems_init(&local);
	if (doc_read_in(file, buf, len, fd, limits, &answers_doc, a, &a->extra, &a->kind_mark, a->strings,
			&local) &&
	    !problems_have_fatal(&local) && !a->template_id)
		problems_add(&local, file, a->kind_mark, SEV_FATAL, "unknown-template",
			     _("no \"template:\" key: the file does not say which template it answers"));
	bool ok = !problems_have_fatal(&local);
	problems_sort(&local);
	problems_move(ps, &local);
	return ok;
}

bool answers_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			 answers *a, problems *ps)
{
	return load_in(file, buf, len, -1, limits, false, a, ps);
}

bool answers_load_file_read_only(const char *path, const load_limits *limits, answers *a, problems *ps)
{
	answers_init(a);
	/* parsed as it is read, 256 KiB at a time: the text is never held
	 * whole (18 MB at 100 000 items) beside the answers built from it */
	struct stat st;
	int fd = file_open_input(path, load_limits_resolve(limits).max_size, false, &st, ps);
	if (fd < 0)
		return false;
	bool ok = load_in(path, NULL, 0, fd, limits, true, a, ps);
	close(fd);
	return ok;
}

static bool load_answers(const char *file, const char *buf, size_t len, const load_limits *limits, void *obj,
			 problems *ps)
{
	return answers_load_buffer(file, buf, len, limits, obj, ps);
}

bool answers_load_file(const char *path, const load_limits *limits, answers *a, problems *ps)
{
	answers_init(a);
	return doc_load_file(path, limits, load_answers, a, ps);
}

char *yaml_peek_kind(const char *buf, size_t len)
{
	/* Only the first top-level key is looked at: kind comes first. */
	problems ps;
	problems_init(&ps);
	yreader yr;
	char *kind = NULL;
	/* a file with invalid UTF-8 anywhere has no kind: checked whole, as
	 * the loaders refuse it whole */
	if (yr_open(&yr, "-", buf, len, NULL, &ps) && yr_check_utf8(&yr) && yr_begin_document(&yr) && yr_is_map(&yr) &&
	    yr_next(&yr) && yr_is_scalar(&yr)) {
		for (int i = 0; i < 64 && !kind; i++) {
			if (yr_is_scalar(&yr) && yr.depth == 1 && strcmp(yr_scalar(&yr), "kind") == 0) {
				if (yr_next(&yr) && yr_is_scalar(&yr))
					kind = xstrdup(yr_scalar(&yr));
				break;
			}
			if (!yr_next(&yr))
				break;
			yr_skip(&yr);
			if (!yr_next(&yr) || !yr_is_scalar(&yr))
				break;
		}
	}
	yr_close(&yr);
	problems_free(&ps);
	return kind;
}
