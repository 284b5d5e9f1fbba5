#include <config.h>

#include "yaml_fields.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "problems.h"

void field_read_string(yreader *yr, void *obj, const field_spec *f)
{
	char **dst = (char **)((char *)obj + f->offset);
	yr_scalar_dup(yr, f->key, dst);
}

bool ltext_read(yreader *yr, ltext *t, const char *what)
{
	ltext_free(t);
	if (yr_is_scalar(yr)) {
		ltext_add(t, NULL, yr_scalar(yr));
		return true;
	}
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	while (yr_map_next(yr, &m)) {
		char *text = NULL;
		if (yr_scalar_dup(yr, what, &text))
			ltext_add(t, m.key, text);
		free(text);
	}
	yr_map_end(&m);
	return true;
}

void field_read_ltext(yreader *yr, void *obj, const field_spec *f)
{
	ltext_read(yr, (ltext *)((char *)obj + f->offset), f->key);
}

bool fields_read_map(yreader *yr, void *obj, const field_spec *fields, size_t n_fields,
		     raw_pairs *extra, const char *what)
{
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	while (yr_map_next(yr, &m)) {
		const field_spec *f = NULL;
		for (size_t i = 0; i < n_fields; i++)
			if (strcmp(fields[i].key, m.key) == 0) {
				f = &fields[i];
				break;
			}
		if (!f) {
			if (extra)
				yr_map_keep_unknown(yr, &m, extra);
			else {
				problems_add(yr->ps, yr->file, m.key_mark, SEV_WARNING, "unknown-key",
					     _("unknown key \"%s\" (ignored)"), m.key);
				yr_skip(yr);
			}
			continue;
		}
		if (f->mark_offset)
			*(cs_mark *)((char *)obj + f->mark_offset) = yr_mark(yr);
		f->read(yr, obj, f);
	}
	yr_map_end(&m);
	return true;
}
