import { v7 as uuidv7, validate, version } from 'uuid';

/** Ids are UUIDv7 made by whoever creates the row (server or register): time-ordered, no AUTO_INCREMENT. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
