import type { FaultKind } from './faults.ts';
import type { OperationCategory, ServiceName } from './http/service.ts';

export interface RequestLogEntry {
  service: ServiceName | 'unknown';
  operation: string;
  /** Account of the authenticated caller; undefined for unsigned or rejected calls. */
  account: string | undefined;
  accessKeyId: string | undefined;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  /** HTTP status sent; 0 when the connection was dropped. */
  status: number;
  errorCode?: string;
  /** The operation changes IAM or a stack (ExecuteChangeSet, CreateGroup, ...), whatever its outcome. */
  mutating: boolean;
  /** CreateChangeSet / DeleteChangeSet: review artefacts, not counted as mutating. */
  changeSet: boolean;
  category: OperationCategory;
  fault?: FaultKind;
  requestId: string;
}

export interface RequestLog {
  add(entry: RequestLogEntry): void;
  entries(): RequestLogEntry[];
  clear(): void;
}

export function createRequestLog(): RequestLog {
  let log: RequestLogEntry[] = [];
  return {
    add(entry) {
      log.push(entry);
    },
    entries: () => log.map((entry) => ({ ...entry })),
    clear() {
      log = [];
    },
  };
}
