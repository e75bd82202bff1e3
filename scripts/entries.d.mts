/** Every subpath entry with an `index` module, without its `./`, in package.json order. */
export declare const subpaths: string[];
/** The layers besides the engine: working time and the domains. */
export declare const layers: string[];
/** tsup's `entry`: each key becomes `dist/<key>.{js,cjs,d.ts,d.cts}`. */
export declare const buildEntries: Record<string, string>;
