export {
  type ArchivedMonth,
  type ArchiveFileCheck,
  type ArchiveOptions,
  AuditArchiveError,
  archiveAudit,
  verifyArchiveFile,
} from './archive';
export { type AuditArrival, auditArrivals, newestAuditRow } from './arrivals';
export { type AuditSeal, type SealOptions, sealAudit } from './seal';
export {
  type AuditProblem,
  type AuditVerification,
  type VerifiedHead,
  type VerifyOptions,
  verifyAudit,
} from './verify';
