export * from './api-contract.decorator';
export * from './build-document';
export * from './operations/admin.contracts';
export * from './operations/read-model-queries.contracts';
export * from './operations/session-commands.contracts';
export * from './operations/session-queries.contracts';
export * from './operations/workstation.contracts';
export * from './operations/audit.contracts';
