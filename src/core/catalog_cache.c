#include <config.h>

/* The listing cache of `checksheet templates` (catalog_cache.h says why
 * and when it is trusted).
 *
 * The file, UTF-8 text: a first line naming the format and the version of
 * checksheet, one line per template file, and a last line "end". A line
 * holds fields separated by tabs (a backslash, tab, newline or carriage
 * return inside a field written \\ \t \n \r):
 *   path, device, inode, size, mtime s, mtime ns, ctime s, ctime ns,
 *   has id (0/1), ok (0/1), items, id, version, title count, then per
 *   title "L" + language (or "P" for a plain string) and its text. */

#include "catalog_cache.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "atomic_file.h"
#include "problems.h"
#include "strbuf.h"
#include "strmap.h"
#include "template_load.h"
#include "xalloc.h"
#include "yaml_reader.h"

#define CACHE_MAGIC "checksheet templates cache 1"
#define CACHE_MAX_SIZE ((size_t)16 << 20)
#define CACHE_FIXED_FIELDS 14
/* a file changed this recently may change again within the same tick */
#define SETTLE_SECONDS 2

typedef struct file_id {
	unsigned long long dev, ino, size;
	long long mtime_s, mtime_ns, ctime_s, ctime_ns;
} file_id;

typedef struct entry {
	char *path;
	file_id fid;
	catalog_info info;
	bool used;
} entry;

struct catalog_cache {
	char *path;
	entry *v;
	size_t n, cap;
	strmap index; /* path -> index in v */
	bool changed;
};

static file_id id_of(const struct stat *st)
{
	return (file_id){
		(unsigned long long)st->st_dev, (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
		(long long)st->st_mtim.tv_sec, (long long)st->st_mtim.tv_nsec,
		(long long)st->st_ctim.tv_sec, (long long)st->st_ctim.tv_nsec,
	};
}

static bool same_id(const file_id *a, const file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_s == b->mtime_s &&
	       a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* Whether the file last changed long enough ago to be remembered. */
static bool settled(const file_id *f)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0)
		return false;
	long long limit = (long long)now.tv_sec - SETTLE_SECONDS;
	/* (times before 1970 are not written: the reader takes no sign) */
	return f->mtime_s >= 0 && f->ctime_s >= 0 && f->mtime_ns >= 0 && f->ctime_ns >= 0 && f->mtime_s < limit &&
	       f->ctime_s < limit;
}

void catalog_info_free(catalog_info *inf)
{
	free(inf->id);
	free(inf->version);
	ltext_free(&inf->title);
	memset(inf, 0, sizeof *inf);
}

static void info_copy(catalog_info *dst, const catalog_info *src)
{
	memset(dst, 0, sizeof *dst);
	dst->has_id = src->has_id;
	dst->id = src->id ? xstrdup(src->id) : NULL;
	dst->version = src->version ? xstrdup(src->version) : NULL;
	for (size_t i = 0; i < src->title.n; i++)
		ltext_add(&dst->title, src->title.v[i].lang, src->title.v[i].text);
	dst->n_items = src->n_items;
	dst->ok = src->ok;
}

/* The facts, from the whole file, as the listing always took them. */
static void load_info(const char *path, catalog_info *out)
{
	memset(out, 0, sizeof *out);
	template t;
	problems ps;
	problems_init(&ps);
	bool ok = template_load_file(path, NULL, &t, &ps);
	problems_free(&ps);
	if (t.id) {
		out->has_id = true;
		out->id = xstrdup(t.id);
		out->version = xstrdup(t.version ? t.version : "");
		for (size_t i = 0; i < t.title.n; i++)
			ltext_add(&out->title, t.title.v[i].lang, t.title.v[i].text);
		out->n_items = t.n_items;
		out->ok = ok;
	}
	template_free(&t);
}

/* ---- the file ---- */

char *catalog_cache_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	/* the XDG specification: a relative path is to be ignored */
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/checksheet/templates.cache", xdg);
	if (home && *home)
		return xasprintf("%s/.cache/checksheet/templates.cache", home);
	return NULL;
}

static void put_escaped(strbuf *sb, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '\\': sb_add(sb, "\\\\"); break;
		case '\t': sb_add(sb, "\\t"); break;
		case '\n': sb_add(sb, "\\n"); break;
		case '\r': sb_add(sb, "\\r"); break;
		default: sb_addc(sb, *s);
		}
}

/* Unescapes field [s, e) in place into a new string; NULL when malformed. */
static char *get_field(const char *s, const char *e)
{
	char *out = xmalloc((size_t)(e - s) + 1), *o = out;
	for (; s < e; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		if (++s == e) {
			free(out);
			return NULL;
		}
		switch (*s) {
		case '\\': *o++ = '\\'; break;
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		default: free(out); return NULL;
		}
	}
	*o = '\0';
	return out;
}

static bool get_number(const char *s, unsigned long long max, unsigned long long *out)
{
	if (!*s || strlen(s) > 20)
		return false;
	unsigned long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (ULLONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

static void entry_free(entry *e)
{
	free(e->path);
	catalog_info_free(&e->info);
}

/* One line into e; false when it is not one the writer makes. */
static bool parse_line(const char *s, const char *end, entry *e)
{
	memset(e, 0, sizeof *e);
	char **f = NULL;
	size_t nf = 0, cap = 0;
	bool ok = true;
	for (const char *p = s;; p++)
		if (p == end || *p == '\t') {
			XGROW(f, cap, nf + 1);
			if (!(f[nf++] = get_field(s, p)))
				ok = false;
			if (p == end)
				break;
			s = p + 1;
		}
	unsigned long long num[11] = {0};
	ok = ok && nf >= CACHE_FIXED_FIELDS;
	for (size_t i = 1; ok && i <= 10; i++)
		ok = get_number(f[i], i >= 8 && i <= 9 ? 1 : ULLONG_MAX, &num[i]);
	unsigned long long n_titles = 0;
	ok = ok && get_number(f[13], 1000, &n_titles) && nf == CACHE_FIXED_FIELDS + 2 * n_titles;
	for (size_t i = 0; ok && i < n_titles; i++)
		ok = f[CACHE_FIXED_FIELDS + 2 * i][0] == 'P' ? f[CACHE_FIXED_FIELDS + 2 * i][1] == '\0'
							   : f[CACHE_FIXED_FIELDS + 2 * i][0] == 'L';
	if (ok) {
		e->path = xstrdup(f[0]);
		e->fid = (file_id){num[1], num[2], num[3], (long long)num[4], (long long)num[5], (long long)num[6],
				   (long long)num[7]};
		e->info.has_id = num[8];
		e->info.ok = num[9];
		e->info.n_items = (size_t)num[10];
		if (e->info.has_id) {
			e->info.id = xstrdup(f[11]);
			e->info.version = xstrdup(f[12]);
		}
		for (size_t i = 0; i < n_titles; i++) {
			const char *lang = f[CACHE_FIXED_FIELDS + 2 * i];
			ltext_add(&e->info.title, lang[0] == 'L' ? lang + 1 : NULL, f[CACHE_FIXED_FIELDS + 2 * i + 1]);
		}
	}
	for (size_t i = 0; i < nf; i++)
		free(f[i]);
	free(f);
	return ok;
}

static void add_entry(catalog_cache *c, entry *e)
{
	size_t k;
	if (strmap_get(&c->index, e->path, &k)) {
		entry_free(&c->v[k]);
		c->v[k] = *e;
		return;
	}
	XGROW(c->v, c->cap, c->n + 1);
	c->v[c->n] = *e;
	strmap_put(&c->index, e->path, c->n);
	c->n++;
}

static void read_cache(catalog_cache *c)
{
	char *buf;
	size_t len;
	problems ps;
	problems_init(&ps);
	bool got = file_read(c->path, CACHE_MAX_SIZE, &buf, &len, &ps);
	problems_free(&ps);
	if (!got)
		return;
	const char *head = CACHE_MAGIC "\t" PACKAGE_VERSION "\n", *tail = "end\n";
	size_t hl = strlen(head), tl = strlen(tail);
	bool ok = len >= hl + tl && memcmp(buf, head, hl) == 0 && memcmp(buf + len - tl, tail, tl) == 0 &&
		  !memchr(buf, '\0', len);
	for (const char *p = buf + hl, *end = buf + len - tl; ok && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		entry e;
		if (!nl || !parse_line(p, nl, &e)) {
			ok = false;
			break;
		}
		add_entry(c, &e);
		p = nl + 1;
	}
	free(buf);
	if (!ok) {
		/* another version's, cut short, or not ours: none at all */
		for (size_t i = 0; i < c->n; i++)
			entry_free(&c->v[i]);
		c->n = 0;
		strmap_free(&c->index);
		strmap_init(&c->index);
		c->changed = true;
	}
}

catalog_cache *catalog_cache_open(void)
{
	catalog_cache *c = xcalloc(1, sizeof *c);
	strmap_init(&c->index);
	c->path = catalog_cache_path();
	if (c->path)
		read_cache(c);
	return c;
}

void catalog_cache_info(catalog_cache *c, const char *path, catalog_info *out)
{
	struct stat st;
	bool regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	file_id before = regular ? id_of(&st) : (file_id){0};
	size_t k;
	if (regular && strmap_get(&c->index, path, &k) && same_id(&c->v[k].fid, &before)) {
		c->v[k].used = true;
		info_copy(out, &c->v[k].info);
		return;
	}
	load_info(path, out);
	/* remembered only when the file stayed the same all through the
	 * load, and had settled before it */
	struct stat after;
	if (!regular || stat(path, &after) != 0 || !S_ISREG(after.st_mode))
		return;
	file_id now = id_of(&after);
	if (!same_id(&now, &before) || !settled(&now))
		return;
	entry e = {xstrdup(path), now, {0}, true};
	info_copy(&e.info, out);
	add_entry(c, &e);
	c->changed = true;
}

/* The directory of the cache file, made (0700) as far as needed. */
static void make_dirs(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				break;
			*p = '/';
		}
	free(dir);
}

static void write_cache(catalog_cache *c)
{
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, CACHE_MAGIC "\t" PACKAGE_VERSION "\n");
	for (size_t i = 0; i < c->n; i++) {
		const entry *e = &c->v[i];
		if (!e->used)
			continue; /* a file no longer listed */
		const catalog_info *f = &e->info;
		put_escaped(&sb, e->path);
		sb_printf(&sb, "\t%llu\t%llu\t%llu\t%lld\t%lld\t%lld\t%lld\t%d\t%d\t%zu\t", e->fid.dev, e->fid.ino,
			  e->fid.size, e->fid.mtime_s, e->fid.mtime_ns, e->fid.ctime_s, e->fid.ctime_ns, f->has_id,
			  f->ok, f->n_items);
		put_escaped(&sb, f->id ? f->id : "");
		sb_addc(&sb, '\t');
		put_escaped(&sb, f->version ? f->version : "");
		sb_printf(&sb, "\t%zu", f->title.n);
		for (size_t t = 0; t < f->title.n; t++) {
			sb_add(&sb, f->title.v[t].lang ? "\tL" : "\tP");
			put_escaped(&sb, f->title.v[t].lang ? f->title.v[t].lang : "");
			sb_addc(&sb, '\t');
			put_escaped(&sb, f->title.v[t].text ? f->title.v[t].text : "");
		}
		sb_addc(&sb, '\n');
	}
	sb_add(&sb, "end\n");
	/* a cache that cannot be written is no error: the next listing
	 * loads the templates again */
	make_dirs(c->path);
	problems ps;
	problems_init(&ps);
	atomic_write(c->path, sb.s, sb.len, &ps);
	problems_free(&ps);
	sb_free(&sb);
}

void catalog_cache_close(catalog_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		c->changed |= !c->v[i].used;
	if (c->path && c->changed)
		write_cache(c);
	for (size_t i = 0; i < c->n; i++)
		entry_free(&c->v[i]);
	free(c->v);
	strmap_free(&c->index);
	free(c->path);
	free(c);
}
