/* The version is passed by the build for this file alone, so that a new
 * commit recompiles one file. */
#include "kernel/version.h"

#ifndef MIMIC_VERSION
#define MIMIC_VERSION "unknown"
#endif

const char mimic_version[] = MIMIC_VERSION;
