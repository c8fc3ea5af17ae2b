// MemoryKeychain is deliberately not re-exported: it is for unit tests only (import it from './memory-keychain').
export { KEYCHAIN_SERVICE, type Keychain } from './keychain';
export { NapiKeychain } from './napi-keychain';
