/** snappyjs ships no types: the two functions we use (MIT, https://github.com/zhipeng-jia/snappyjs). */
declare module 'snappyjs' {
  export function uncompress<T extends Uint8Array>(compressed: T, maxLength?: number): T;
  export function compress<T extends Uint8Array>(uncompressed: T): T;
}
