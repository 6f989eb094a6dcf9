export { createOutboundClient } from './outbound-client.ts';
export type { OutboundClientOptions, OutboundFetch, OutboundRequestFn, OutboundRequest, OutboundResponse } from './outbound-client.ts';
export { OutboundError, OUTBOUND_ERROR_CODES, isOutboundError } from './errors.ts';
export type { OutboundErrorCode } from './errors.ts';
export { createAddressPolicy, isNonPublicAddress, isAlwaysRefusedAddress } from './address-policy.ts';
export type { AddressPolicy, AddressPolicyOptions, AddressDenial } from './address-policy.ts';
