/* Shared helpers of the libFuzzer targets (tests/fuzz/fuzz_*.c).
 *
 * Each target is one program built with -fsanitize=fuzzer,address,undefined
 * against the core sources compiled again with the same flags (see
 * mk/fuzz.am). A target must free everything it allocates for one input:
 * LeakSanitizer reports anything left over as a crash. */
#ifndef CHECKSHEET_FUZZ_COMMON_H
#define CHECKSHEET_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/yaml_reader.h"

/* libFuzzer's entry points. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input as a NUL-terminated copy, as file_read hands a loader its
 * buffer (the caller frees). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* The built-in METI template (data/templates/meti-cloud-sla.yaml), loaded
 * once with template_load_file and kept for the life of the process.
 * $CHECKSHEET_FUZZ_TEMPLATE names another file. Exits when it cannot be
 * loaded: a target without its template would fuzz nothing. */
const template *fuzz_meti_template(void);

/* Loads an answers file of the source tree (path relative to the top of
 * the tree) once, for targets that judge values against real answers;
 * NULL when it cannot be read. */
const answers *fuzz_sample_answers(void);

#endif
