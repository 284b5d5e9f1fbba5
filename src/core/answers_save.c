#include <config.h>

#include "answers_save.h"

#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "i18n.h"
#include "xalloc.h"
#include "yaml_writer.h"

void answer_write_cases_rows(ywriter *w, const answer *an)
{
	if (an->n_cases || an->has_cases) {
		yw_scalar(w, "cases");
		yw_seq_begin(w);
		for (size_t i = 0; i < an->n_cases; i++) {
			yw_map_begin(w);
			yw_pair(w, "when", an->cases[i].when ? an->cases[i].when : "");
			yw_pair(w, "value", an->cases[i].value ? an->cases[i].value : "");
			yw_raw_pairs(w, &an->cases[i].extra);
			yw_map_end(w);
		}
		yw_seq_end(w);
	}
	if (an->n_rows || an->has_rows) {
		yw_scalar(w, "rows");
		yw_seq_begin(w);
		for (size_t i = 0; i < an->n_rows; i++) {
			yw_map_begin(w);
			yw_raw_pairs(w, &an->rows[i].cells);
			yw_map_end(w);
		}
		yw_seq_end(w);
	}
}

void answer_write(ywriter *w, const answer *an)
{
	yw_scalar(w, an->item);
	yw_map_begin(w);
	yw_pair(w, "value", an->value);
	answer_write_cases_rows(w, an);
	yw_pair(w, "note", an->note);
	yw_pair(w, "status", an->status);
	yw_raw_pairs(w, &an->extra);
	yw_map_end(w);
}

/* An answer with nothing in it is not written: absent means unanswered. */
static bool worth_writing(const answer *an)
{
	return an->value || an->note || an->status || an->n_cases || an->n_rows || an->extra.n ||
	       an->has_cases || an->has_rows;
}

char *answers_to_yaml(const answers *a, const template *t, size_t *len)
{
	ywriter w;
	yw_init(&w);
	yw_map_begin(&w);
	yw_pair(&w, "kind", "checksheet/answers");
	yw_pair(&w, "template", a->template_id ? a->template_id : "");
	yw_pair(&w, "template-version", a->template_version);
	yw_pair(&w, "language", a->language);
	if (a->subject.n) {
		yw_scalar(&w, "subject");
		yw_map_begin(&w);
		yw_text_pairs(&w, &a->subject);
		yw_map_end(&w);
	}
	if (a->n_revisions) {
		yw_scalar(&w, "revisions");
		yw_seq_begin(&w);
		for (size_t i = 0; i < a->n_revisions; i++) {
			const revision *r = &a->revisions[i];
			yw_map_begin(&w);
			yw_pair(&w, "version", r->version);
			yw_pair(&w, "date", r->date);
			yw_pair(&w, "note", r->note);
			yw_raw_pairs(&w, &r->extra);
			yw_map_end(&w);
		}
		yw_seq_end(&w);
	}
	yw_scalar(&w, "answers");
	yw_map_begin(&w);
	bool *done = xcalloc(a->n ? a->n : 1, sizeof *done);
	if (t)
		for (size_t i = 0; i < t->n_items; i++) {
			size_t k;
			if (!strmap_get(&a->index, t->items[i].id, &k))
				continue;
			done[k] = true;
			if (worth_writing(&a->v[k]))
				answer_write(&w, &a->v[k]);
		}
	for (size_t k = 0; k < a->n; k++)
		if (!done[k] && worth_writing(&a->v[k]))
			answer_write(&w, &a->v[k]);
	free(done);
	yw_map_end(&w);
	yw_raw_pairs(&w, &a->extra);
	yw_map_end(&w);
	return yw_finish(&w, len);
}

bool answers_save(const answers *a, const template *t, const char *path, problems *ps)
{
	size_t len = 0;
	char *text = answers_to_yaml(a, t, &len);
	return yw_save(text, len, path, ps);
}
