import type { FleetToolSwitches } from '@mcp-fleet/api/servers/data-access';

/**
 * The runtime provides the tool switches (a global module). A process that loads the servers
 * feature without it (a test module of the servers alone) can still register and update servers,
 * but cannot export or apply a fleet document, which carries the switches.
 */
export function requireToolSwitches(switches: FleetToolSwitches | undefined): FleetToolSwitches {
  if (!switches) {
    throw new Error('FleetToolSwitches is not provided: the fleet document needs the runtime feature module');
  }
  return switches;
}
