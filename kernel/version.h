/* The build's version string (git describe), for the banner. */
#ifndef MIMIC_KERNEL_VERSION_H
#define MIMIC_KERNEL_VERSION_H

extern const char mimic_version[];

#endif
