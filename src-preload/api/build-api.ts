import type { CaravanApi } from '../contract/api.ts';
import type { ArgsOf, EventChannel, EventChannels, InvokeChannel } from '../contract/channels.ts';
import type { Transport } from './transport.ts';

/**
 * Builds `window.caravan` from a transport. Every member is a named function
 * for one channel of the contract; nothing generic (no `invoke(channel)` and no
 * `on(channel)`) ever reaches the page. `satisfies CaravanApi` makes a missing
 * or misspelt channel a compile error.
 */
export function buildApi(transport: Transport): CaravanApi {
  const invoke =
    <C extends InvokeChannel>(channel: C) =>
    (...args: ArgsOf<C>) =>
      transport.invoke(channel, args);
  const on =
    <E extends EventChannel>(channel: E) =>
    (listener: (payload: EventChannels[E]) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
      return transport.subscribe(channel, listener);
    };

  const api = {
    app: {
      info: invoke('app:info'),
      print: invoke('app:print'),
      notify: invoke('app:notify'),
    },
    net: {
      status: invoke('net:status'),
      onStatus: on('net:status'),
    },
    files: {
      saveText: invoke('files:saveText'),
      chooseFolder: invoke('files:chooseFolder'),
    },
    deviceKey: {
      status: invoke('deviceKey:status'),
      enable: invoke('deviceKey:enable'),
      read: invoke('deviceKey:read'),
      forget: invoke('deviceKey:forget'),
    },
    integrity: {
      read: invoke('integrity:read'),
      write: invoke('integrity:write'),
    },
    power: {
      onState: on('power:state'),
    },
    timer: {
      state: invoke('timer:state'),
      command: invoke('timer:command'),
      blockStored: invoke('timer:blockStored'),
      trayProjects: invoke('timer:trayProjects'),
      preferences: invoke('timer:preferences'),
      setPreferences: invoke('timer:setPreferences'),
      onChanged: on('timer:changed'),
    },
    sync: {
      setCredentials: invoke('sync:setCredentials'),
      join: invoke('sync:join'),
      completeJoin: invoke('sync:completeJoin'),
      test: invoke('sync:test'),
      put: invoke('sync:put'),
      get: invoke('sync:get'),
      list: invoke('sync:list'),
      delete: invoke('sync:delete'),
      deletePartition: invoke('sync:deletePartition'),
    },
    bundle: {
      checkExport: invoke('bundle:checkExport'),
      save: invoke('bundle:save'),
      open: invoke('bundle:open'),
      checkImport: invoke('bundle:checkImport'),
      recordImport: invoke('bundle:recordImport'),
    },
    locality: {
      open: invoke('locality:open'),
      close: invoke('locality:close'),
      previewPolicy: invoke('locality:previewPolicy'),
      setPolicy: invoke('locality:setPolicy'),
      recordClientAction: invoke('locality:recordClientAction'),
      travelPlan: invoke('locality:travelPlan'),
      recordTravel: invoke('locality:recordTravel'),
      targets: invoke('locality:targets'),
      addTarget: invoke('locality:addTarget'),
      removeTarget: invoke('locality:removeTarget'),
      resolve: invoke('locality:resolve'),
      previewPlacement: invoke('locality:previewPlacement'),
      regions: invoke('locality:regions'),
      placement: invoke('locality:placement'),
      audit: invoke('locality:audit'),
      verifyAudit: invoke('locality:verifyAudit'),
      data: invoke('locality:data'),
      importData: invoke('locality:importData'),
    },
  } satisfies CaravanApi;

  return deepFreeze(api);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
