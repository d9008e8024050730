/** The generator's functions, typed for the Vitest check that imports them (the script itself is plain JavaScript). */

export function services(): string[];
export function generate(service: string): Promise<string>;
export function committed(service: string): string | null;
export function orphans(): string[];
