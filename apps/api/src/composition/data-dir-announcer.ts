import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { STORES, type Stores } from './stores';

/**
 * Writes into DATA_DIR's lock where this app serves, as soon as its HTTP server listens
 * (whoever calls listen: main.ts, a test): the CLI finds the app through the lock, whatever its
 * own PORT says, and goes through the app's admin endpoints instead of opening the folder.
 */
@Injectable()
export class DataDirAnnouncer implements OnApplicationBootstrap {
  private readonly logger = new Logger(DataDirAnnouncer.name);

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const lock = this.stores.dataDirLock;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (lock === undefined || server === undefined) return;
    server.once('listening', () => {
      const address = server.address() as AddressInfo | null;
      if (address === null || typeof address !== 'object') return;
      try {
        lock.announce(address.address, address.port);
      } catch (error) {
        this.logger.error(`could not write the address into ${lock.dataDir}: ${String(error)}`);
      }
    });
  }
}
