/**
 * servicecraft: customer-service frameworks, interaction cycles, complaint flows and loyalty
 * tiers as typed, validated, pure state machines.
 *
 * @packageDocumentation
 */

// core: filled in by the core issue
export {};
