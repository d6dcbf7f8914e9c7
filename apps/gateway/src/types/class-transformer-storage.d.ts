// class-transformer ships the metadata storage that class-validator-jsonschema reads without typings for its CJS path.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
