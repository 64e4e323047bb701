/* The PC's device state as text for the monitor: registers of each chip,
 * the port bus counters, the SeaBIOS log ring. */
#ifndef MIMIC_DEVICES_SHOW_H
#define MIMIC_DEVICES_SHOW_H

#include "devices/pc.h"

/* One or two lines per device, on stdout. */
void pc_devices_show(struct pc_devices *pc);
/* The kept tail of the port 0x402 log, on stdout. */
void pc_devices_show_log(const struct pc_devices *pc);

#endif
