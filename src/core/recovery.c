#include <config.h>

#include "recovery.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answers_load.h"
#include "answers_save.h"
#include "i18n.h"
#include "xalloc.h"
#include "yaml_writer.h"

char *recovery_path(const char *answers_path)
{
	const char *slash = strrchr(answers_path, '/');
	if (!slash)
		return xasprintf(".%s.swp", answers_path);
	return xasprintf("%.*s/.%s.swp", (int)(slash - answers_path), answers_path, slash + 1);
}

void recovery_remove(const char *answers_path)
{
	char *path = recovery_path(answers_path);
	unlink(path);
	free(path);
}

static char *recovery_text(const sheet *s, size_t *len)
{
	ywriter w;
	yw_init(&w);
	yw_map_begin(&w);
	yw_pair(&w, "kind", "checksheet/answers");
	yw_pair(&w, "template", s->a.template_id ? s->a.template_id : "");
	yw_pair(&w, "language", s->a.language);
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", localtime_r(&now, &tm));
	yw_scalar(&w, "recovery");
	yw_map_begin(&w);
	yw_pair(&w, "file", s->answers_path);
	yw_pair(&w, "written", when);
	/* an emptied subject or revision list must come back empty */
	yw_pair(&w, "subject-changed", s->dirty_subject ? "yes" : NULL);
	yw_pair(&w, "revisions-changed", s->dirty_revisions ? "yes" : NULL);
	yw_map_end(&w);
	if (s->dirty_subject) {
		yw_scalar(&w, "subject");
		yw_map_begin(&w);
		yw_raw_pairs(&w, &s->a.subject);
		yw_map_end(&w);
	}
	if (s->dirty_revisions) {
		yw_scalar(&w, "revisions");
		yw_seq_begin(&w);
		for (size_t i = 0; i < s->a.n_revisions; i++) {
			const revision *r = &s->a.revisions[i];
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
	for (size_t k = 0; k < s->n_dirty; k++) {
		size_t item = s->dirty_list[k];
		const answer *an = sheet_answer(s, item);
		if (an && !answer_is_empty(an)) {
			answer_write(&w, an);
			continue;
		}
		if (an && an->note) {
			answer_write(&w, an);
			continue;
		}
		yw_scalar(&w, s->t.items[item].id);
		yw_map_begin(&w);
		yw_pair(&w, "cleared", "yes");
		yw_map_end(&w);
	}
	yw_map_end(&w);
	yw_map_end(&w);
	return yw_finish(&w, len);
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool recovery_write(const sheet *s, problems *ps)
{
	if (!sheet_modified(s) || (!s->n_dirty && !s->dirty_subject && !s->dirty_revisions)) {
		recovery_remove(s->answers_path);
		return true;
	}
	size_t len = 0;
	char *text = recovery_text(s, &len);
	char *path = recovery_path(s->answers_path);
	char *tmp = xasprintf("%s.XXXXXX", path);
	bool ok = false;
	int fd = text ? mkstemp(tmp) : -1;
	if (fd < 0) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "io-error",
			     _("cannot keep unsaved changes for recovery: %s"), strerror(errno));
		goto out;
	}
	/* 0600: unsaved answers are nobody else's business */
	if (fchmod(fd, 0600) != 0 || !write_all(fd, text, len) || fsync(fd) != 0) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "io-error",
			     _("cannot keep unsaved changes for recovery: %s"), strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "io-error",
			     _("cannot keep unsaved changes for recovery: %s"), strerror(errno));
		unlink(tmp);
		goto out;
	}
	ok = true;
out:
	free(tmp);
	free(path);
	free(text);
	return ok;
}

void recovery_free(recovery *r)
{
	answers_free(&r->a);
	free(r->written);
	memset(r, 0, sizeof *r);
}

static bool is_cleared(const answer *an) { return raw_pairs_scalar(&an->extra, "cleared") != NULL; }

static bool subject_equal(const raw_pairs *a, const raw_pairs *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const char *x = raw_pairs_scalar(a, a->v[i].key), *y = raw_pairs_scalar(b, a->v[i].key);
		if (!x || !y || strcmp(x, y) != 0)
			return false;
	}
	return true;
}

static bool revisions_equal(const answers *a, const answers *b)
{
	if (a->n_revisions != b->n_revisions)
		return false;
	for (size_t i = 0; i < a->n_revisions; i++) {
		const revision *x = &a->revisions[i], *y = &b->revisions[i];
		if (strcmp(x->version ? x->version : "", y->version ? y->version : "") ||
		    strcmp(x->date ? x->date : "", y->date ? y->date : "") ||
		    strcmp(x->note ? x->note : "", y->note ? y->note : ""))
			return false;
	}
	return true;
}

bool recovery_load(const sheet *s, recovery *r, bool *found, problems *ps)
{
	memset(r, 0, sizeof *r);
	*found = false;
	char *path = recovery_path(s->answers_path);
	struct stat st;
	/* only a regular file of ours: never a link or a stranger's file */
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		free(path);
		return true;
	}
	problems local;
	problems_init(&local);
	bool ok = answers_load_file(path, &load_limits_default, &r->a, &local);
	if (!ok) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "recovery-unreadable", "%s",
			     _("the recovery file cannot be read; it is kept as it is"));
		problems_move(ps, &local);
		free(path);
		recovery_free(r);
		return false;
	}
	problems_free(&local);
	const raw_pair *rec = raw_pairs_find(&r->a.extra, "recovery");
	if (rec && rec->value && rec->value->type == RAW_MAP)
		for (size_t i = 0; i + 1 < rec->value->n; i += 2) {
			const raw_node *key = rec->value->kids[i], *val = rec->value->kids[i + 1];
			if (!key->scalar || val->type != RAW_SCALAR || !val->scalar)
				continue;
			if (strcmp(key->scalar, "written") == 0)
				r->written = xstrdup(val->scalar);
			else if (strcmp(key->scalar, "subject-changed") == 0)
				r->has_subject = true;
			else if (strcmp(key->scalar, "revisions-changed") == 0)
				r->has_revisions = true;
		}
	for (size_t k = 0; k < r->a.n; k++) {
		const answer *an = &r->a.v[k];
		size_t item = sheet_find(s, an->item);
		if (item == SIZE_MAX)
			continue;
		const answer *cur = sheet_answer(s, item);
		if (is_cleared(an) ? !(cur == NULL || (answer_is_empty(cur) && !cur->note))
				   : !answer_equal(an, cur, true))
			r->differ++;
	}
	if (r->has_subject && !subject_equal(&r->a.subject, &s->a.subject))
		r->differ++;
	if (r->has_revisions && !revisions_equal(&r->a, &s->a))
		r->differ++;
	*found = true;
	free(path);
	return true;
}

size_t recovery_apply(sheet *s, const recovery *r)
{
	size_t n = 0;
	sheet_group_begin(s);
	for (size_t k = 0; k < r->a.n; k++) {
		const answer *an = &r->a.v[k];
		size_t item = sheet_find(s, an->item);
		if (item == SIZE_MAX)
			continue;
		if (is_cleared(an))
			sheet_set_answer(s, item, NULL);
		else {
			answer copy;
			answer_copy(&copy, an);
			sheet_set_answer(s, item, &copy);
			answer_free(&copy);
		}
		n++;
	}
	if (r->has_subject)
		sheet_replace_subject(s, &r->a.subject);
	if (r->has_revisions)
		sheet_replace_revisions(s, r->a.revisions, r->a.n_revisions);
	sheet_group_end(s);
	return n;
}
