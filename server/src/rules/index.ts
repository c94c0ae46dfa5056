import type { FileKind, FileRule } from '../analysis/fileRule';
import type { Rule, RuleMeta } from '../analysis/rule';
import { releaseLto } from './cargo/release_lto';
import { releaseCodegenUnits } from './cargo/release_codegen_units';
import { releaseStrip } from './cargo/release_strip';
import { releasePanicAbort } from './cargo/release_panic_abort';
import { libraryTokioFull } from './cargo/library_tokio_full';
import { dockerSingleStage } from './docker/docker_single_stage';
import { dockerRootUser } from './docker/docker_root_user';
import { dockerDebugBuild } from './docker/docker_debug_build';
import { dockerUncachedDependencies } from './docker/docker_uncached_dependencies';
import { dockerMissingDockerignore } from './docker/docker_missing_dockerignore';
import { unwrapInProduction } from './unwrap_in_production';
import { cloneThenReset } from './clone_then_reset';
import { memReplaceWithDefault } from './mem_replace_with_default';
import { blockingInAsync } from './blocking_in_async';
import { unawaitedFuture } from './unawaited_future';
import { sequentialAwaits } from './sequential_awaits';
import { missingTimeout } from './missing_timeout';
import { lockAcrossAwait } from './lock_across_await';
import { undocumentedUnsafe } from './undocumented_unsafe';
import { staticMut } from './static_mut';
import { redundantClone } from './redundant_clone';
import { cloneOnCopy } from './clone_on_copy';
import { rcRefcell } from './rc_refcell';
import { rcCycleRisk } from './rc_cycle_risk';
import { derefInheritance } from './deref_inheritance';
import { traitIPrefix } from './trait_i_prefix';
import { linkedList } from './linked_list';
import { stableSort } from './stable_sort';
import { vecNoCapacity } from './vec_no_capacity';
import { sqlFormat } from './sql_format';
import { mutexAroundPool } from './mutex_around_pool';
import { hardcodedSecret } from './hardcoded_secret';
import { weakPasswordHash } from './weak_password_hash';
import { nonConstantTimeCompare } from './non_constant_time_compare';
import { floatMoney } from './float_money';
import { printlnLogging } from './println_logging';
import { retryWithoutBackoff } from './retry_without_backoff';
import { unitErrorType } from './unit_error_type';
import { stringErrorType } from './string_error_type';
import { missingErrorsDoc } from './missing_errors_doc';
import { insecureJwtValidation } from './insecure_jwt_validation';
import { longLivedAccessToken } from './long_lived_access_token';
import { permissiveCors } from './permissive_cors';
import { uncheckedMoneyArithmetic } from './unchecked_money_arithmetic';
import { inMemorySessionState } from './in_memory_session_state';
import { incompatibleMsrv } from './incompatible_msrv';

/** The catalog: every rule the server, the CLI and the docs know. Order is the docs' order. */
export const ALL_RULES: readonly Rule[] = [unwrapInProduction, cloneThenReset, memReplaceWithDefault, blockingInAsync, unawaitedFuture, sequentialAwaits, missingTimeout, lockAcrossAwait, undocumentedUnsafe, staticMut, redundantClone, cloneOnCopy, rcRefcell, rcCycleRisk, derefInheritance, traitIPrefix, linkedList, stableSort, vecNoCapacity, sqlFormat, mutexAroundPool, inMemorySessionState, hardcodedSecret, weakPasswordHash, insecureJwtValidation, longLivedAccessToken, permissiveCors, nonConstantTimeCompare, floatMoney, uncheckedMoneyArithmetic, printlnLogging, retryWithoutBackoff, unitErrorType, stringErrorType, missingErrorsDoc, incompatibleMsrv];

/** Rules on the files beside the code: Cargo.toml, then Dockerfiles. */
export const FILE_RULES: readonly FileRule[] = [releaseLto, releaseCodegenUnits, releaseStrip, releasePanicAbort, libraryTokioFull, dockerSingleStage, dockerRootUser, dockerDebugBuild, dockerUncachedDependencies, dockerMissingDockerignore];

/** Every rule, for configuration, listings, reports and the docs: the Rust rules, then the file rules. */
export const CATALOG: readonly (Rule | FileRule)[] = [...ALL_RULES, ...FILE_RULES];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));
const FILE_BY_ID = new Map(FILE_RULES.map((r) => [r.id, r]));
const CATALOG_BY_ID = new Map<string, RuleMeta>(CATALOG.map((r) => [r.id, r]));

/** A Rust rule (one that visits syntax trees). */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function fileRuleById(id: string): FileRule | undefined {
  return FILE_BY_ID.get(id);
}

/** Any rule of the catalog, by id. */
export function catalogRule(id: string): RuleMeta | undefined {
  return CATALOG_BY_ID.get(id);
}

export function fileRulesFor(kind: FileKind): FileRule[] {
  return FILE_RULES.filter((r) => r.file === kind);
}
