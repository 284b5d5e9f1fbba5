#include <config.h>

#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog_cache.h"
#include "i18n.h"
#include "template_load.h"
#include "xalloc.h"

bool paths_uninstalled(void)
{
	static int cached = -1;
	if (cached >= 0)
		return cached;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	cached = 0;
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *real_build = realpath(ABS_TOP_BUILDDIR, NULL);
			/* unit tests live one level down, in tests/unit */
			if (real_build) {
				size_t bl = strlen(real_build);
				cached = strncmp(exe, real_build, bl) == 0 && (exe[bl] == '\0' || exe[bl] == '/');
				free(real_build);
			}
		}
	}
	return cached;
}

const char *const *paths_template_dirs(void)
{
	static const char *dirs[64];
	static bool done;
	if (done)
		return dirs;
	size_t n = 0;
	const char *env = getenv("CHECKSHEET_TEMPLATE_PATH");
	if (env && *env) {
		char *copy = xstrdup(env), *save = NULL;
		for (char *tok = strtok_r(copy, ":", &save); tok && n < 60; tok = strtok_r(NULL, ":", &save))
			dirs[n++] = xstrdup(tok);
		free(copy);
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		dirs[n++] = xasprintf("%s/checksheet/templates", xdg);
	else if (home && *home)
		dirs[n++] = xasprintf("%s/.local/share/checksheet/templates", home);
	if (paths_uninstalled())
		dirs[n++] = ABS_TOP_SRCDIR "/data/templates";
	dirs[n++] = PKGDATADIR "/templates";
	dirs[n] = NULL;
	done = true;
	return dirs;
}

const char *paths_locale_dir(void)
{
	return paths_uninstalled() ? ABS_TOP_BUILDDIR "/locale" : LOCALEDIR;
}

static bool is_path(const char *name)
{
	size_t n = strlen(name);
	return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t catalog_list(catalog_entry **out, const char *lang)
{
	size_t n = 0, cap = 0;
	catalog_entry *v = NULL;
	strmap seen;
	strmap_init(&seen);
	catalog_cache *cache = catalog_cache_open();
	for (const char *const *d = paths_template_dirs(); *d; d++) {
		DIR *dir = opendir(*d);
		if (!dir)
			continue;
		char **names = NULL;
		size_t nn = 0, ncap = 0;
		struct dirent *de;
		while ((de = readdir(dir))) {
			size_t l = strlen(de->d_name);
			if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) {
				XGROW(names, ncap, nn + 1);
				names[nn++] = xstrdup(de->d_name);
			}
		}
		closedir(dir);
		if (nn > 1) /* qsort(NULL, 0, ...) is undefined behaviour */
			qsort(names, nn, sizeof *names, cmp_names);
		for (size_t i = 0; i < nn; i++) {
			char *path = xasprintf("%s/%s", *d, names[i]);
			free(names[i]);
			/* what the list shows, from the listing cache while the
			 * file is unchanged (catalog_cache.h), else from loading
			 * the whole file: a file with no readable id is left out,
			 * one with errors is listed as such */
			catalog_info inf;
			catalog_cache_info(cache, path, &inf);
			if (!inf.has_id || !strmap_put(&seen, inf.id, 0)) {
				catalog_info_free(&inf);
				free(path);
				continue;
			}
			XGROW(v, cap, n + 1);
			v[n].id = xstrdup(inf.id);
			v[n].version = xstrdup(inf.version ? inf.version : "");
			v[n].title = xstrdup(ltext_get(&inf.title, lang));
			v[n].path = path;
			v[n].n_items = inf.n_items;
			v[n].ok = inf.ok;
			n++;
			catalog_info_free(&inf);
		}
		free(names);
	}
	catalog_cache_close(cache);
	strmap_free(&seen);
	*out = v;
	return n;
}

void catalog_free(catalog_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].version);
		free(v[i].title);
		free(v[i].path);
	}
	free(v);
}

static bool slug_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* Whether real (a real path) is root or below it. */
static bool below(const char *real, const char *root)
{
	char *r = realpath(root, NULL);
	if (!r)
		return false;
	size_t n = strlen(r);
	bool in = strcmp(r, "/") == 0 || (strncmp(real, r, n) == 0 && real[n] == '/');
	free(r);
	return in;
}

/* Why a template named by an answers file may not be read, or NULL when
 * it may: the name must be a path ending in .yaml that resolves (symbolic
 * links followed) to a regular file inside base_dir's tree or inside one
 * of the template directories (relative names are taken from base_dir).
 * On success *resolved is the real path to open; *missing is set (with
 * *err) when the file simply does not exist. */
static const char *unsafe_template_path(const char *name, const char *base_dir, char **resolved,
					bool *missing, int *err)
{
	*resolved = NULL;
	*missing = false;
	size_t n = strlen(name);
	if (n <= 5 || strcmp(name + n - 5, ".yaml") != 0)
		return _("it is not a .yaml file");
	char *joined = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", base_dir, name);
	char *real = realpath(joined, NULL);
	free(joined);
	if (!real) {
		*missing = true;
		*err = errno;
		return NULL;
	}
	bool inside = below(real, base_dir);
	for (const char *const *d = paths_template_dirs(); *d && !inside; d++)
		inside = below(real, *d);
	if (!inside) {
		free(real);
		return _("it is outside the directory of the answers file and the template directories");
	}
	struct stat st;
	if (stat(real, &st) != 0) {
		*missing = true;
		*err = errno;
		free(real);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		free(real);
		return _("it is not a regular file");
	}
	*resolved = real;
	return NULL;
}

bool catalog_load(const char *name, const char *base_dir, const load_limits *limits, template *t,
		  problems *ps, const char *report_file, cs_mark report_mark)
{
	return catalog_load_kept(name, base_dir, limits, NULL, t, ps, report_file, report_mark);
}

bool catalog_load_kept(const char *name, const char *base_dir, const load_limits *limits,
		       const template_keep *keep, template *t, problems *ps, const char *report_file,
		       cs_mark report_mark)
{
	memset(t, 0, sizeof *t);
	const char *where = report_file ? report_file : name;
	if (base_dir && is_path(name)) {
		/* named by an answers file, which may come from anyone: only a
		 * template file beside it (or below), never /etc/passwd, a FIFO
		 * or a device */
		char *real;
		bool missing;
		int err = 0;
		const char *why = unsafe_template_path(name, base_dir, &real, &missing, &err);
		if (why) {
			problems_add(ps, where, report_mark, SEV_FATAL, "unsafe-template-path",
				     _("template \"%s\" is refused: %s; name a template id, or a .yaml file in the "
				       "directory of the answers file (or below it) or in a template directory"),
				     name, why);
			return false;
		}
		if (missing) {
			problems_add(ps, where, report_mark, SEV_FATAL, "unknown-template",
				     _("cannot open the template file \"%s\": %s"), name, strerror(err));
			return false;
		}
		char *shown = xasprintf("%s/%s", base_dir, name);
		char *buf;
		size_t len;
		load_limits lim = load_limits_resolve(limits);
		bool ok = false;
		if (file_read_ex(real, lim.max_size, true, &buf, &len, ps)) {
			ok = template_load_buffer_kept(shown, buf, len, limits, keep, t, ps);
			free(buf);
		}
		free(shown);
		free(real);
		return ok;
	}
	if (is_path(name)) {
		/* -t on the command line: any regular file the user chooses */
		char *path = name[0] != '/' && base_dir ? xasprintf("%s/%s", base_dir, name) : xstrdup(name);
		bool ok = template_load_file_kept(path, limits, keep, t, ps);
		free(path);
		return ok;
	}
	if (slug_ok(name))
		for (const char *const *d = paths_template_dirs(); *d; d++) {
			char *path = xasprintf("%s/%s.yaml", *d, name);
			if (access(path, R_OK) == 0) {
				bool ok = template_load_file_kept(path, limits, keep, t, ps);
				free(path);
				return ok;
			}
			free(path);
		}
	problems_add(ps, where, report_mark, SEV_FATAL, "unknown-template",
		     _("unknown template \"%s\" (see `checksheet templates`)"), name);
	return false;
}
