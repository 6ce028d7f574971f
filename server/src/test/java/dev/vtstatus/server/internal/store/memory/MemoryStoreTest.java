package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.StoreLimitsContract;

class MemoryStoreTest extends StoreLimitsContract {
  @Override
  protected Store newStore(StoreLimits limits) {
    return new MemoryStore(limits);
  }
}
