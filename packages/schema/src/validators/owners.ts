import { z } from 'zod';
import { LIMITS } from '../values';
import {
  expectedUpdatedAt,
  id,
  optionalEmail,
  optionalText,
  pageInput,
  phone,
  requiredText,
  searchText,
} from './common';

export const ownerFields = z.strictObject({
  firstName: requiredText(LIMITS.name),
  lastName: requiredText(LIMITS.name),
  email: optionalEmail,
  phone,
  address: optionalText(LIMITS.address),
  notes: optionalText(LIMITS.notes),
});

export const ownerCreateInput = ownerFields;
export const ownerUpdateInput = ownerFields.partial().extend({ id, updatedAt: expectedUpdatedAt });
export const ownerListInput = z.strictObject({
  search: searchText.optional(),
  active: z.enum(['active', 'inactive', 'all']).default('active'),
  ...pageInput,
});

export type OwnerCreateInput = z.input<typeof ownerCreateInput>;
export type OwnerUpdateInput = z.input<typeof ownerUpdateInput>;
