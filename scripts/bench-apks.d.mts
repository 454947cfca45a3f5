/** Types of scripts/bench-apks.mjs, for the tests that use a benchmark APK when it is cached. */
export declare const BENCH_PACKAGES: ReadonlyArray<{ name: string; version: string; apk: RegExp }>;
export declare function benchCacheDir(env?: Record<string, string | undefined>): string;
export declare function benchApks(options?: { fetch?: boolean; env?: Record<string, string | undefined> }): Array<[string, string]>;
