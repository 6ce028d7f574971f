package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreContract;

class MemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore(int maxJobs, int events) {
    return new MemoryStore(maxJobs, events);
  }
}
