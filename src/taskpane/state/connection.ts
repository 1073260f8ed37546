import type { ErrorCode } from "../../sync/errors";

export type ConnectionCheckView =
  | { ok: true; latencyMs: number; message: string }
  | { ok: false; code: ErrorCode | null; title: string; message: string };

export interface ConnectionState {
  /** The workspace URL being edited. */
  baseUrl: string;
  /** The user has edited the URL field; the workbook's saved URL, if it loads later, must not replace their text. */
  baseUrlTouched: boolean;
  /** The URL the workbook settings point at (non-secret), or null when not configured. */
  savedBaseUrl: string | null;
  /** What the user is typing in the key box; cleared once stored. */
  keyInput: string;
  /** Masked form of the stored key (`****abcd`), or null when none is stored for `savedBaseUrl`. */
  storedKeyMask: string | null;
  testing: boolean;
  /** A tested connection is being stored: the key on this computer, the URL in the workbook's settings. */
  saving: boolean;
  check: ConnectionCheckView | null;
  /** Storage problems (IndexedDB blocked, etc.), shown inline. */
  storageError: string | null;
  /** The last test of the stored key for the saved workspace was refused (revoked or expired key). */
  storedKeyRefused: boolean;
}

export type ConnectionAction =
  | { type: "loaded"; savedBaseUrl: string | null; storedKeyMask: string | null }
  | { type: "baseUrlEdited"; baseUrl: string }
  | { type: "keyEdited"; keyInput: string }
  | { type: "keySaved"; baseUrl: string; mask: string }
  | { type: "keyForgotten" }
  | { type: "testStarted" }
  | { type: "saveStarted" }
  /** `storedKeyOf`: the workspace whose stored key was tested, or null when a typed key was tested. */
  | { type: "testFinished"; check: ConnectionCheckView; storedKeyOf?: string | null }
  | { type: "storageFailed"; message: string };

export const initialConnectionState: ConnectionState = {
  baseUrl: "",
  baseUrlTouched: false,
  savedBaseUrl: null,
  keyInput: "",
  storedKeyMask: null,
  testing: false,
  saving: false,
  check: null,
  storageError: null,
  storedKeyRefused: false,
};

export function connectionReducer(state: ConnectionState, action: ConnectionAction): ConnectionState {
  switch (action.type) {
    // The workbook's connection may arrive after the user started typing: it never replaces their URL, and the key
    // box is never filled from the workbook at all.
    case "loaded":
      return {
        ...state,
        savedBaseUrl: action.savedBaseUrl,
        baseUrl: state.baseUrlTouched ? state.baseUrl : (action.savedBaseUrl ?? state.baseUrl),
        storedKeyMask: action.storedKeyMask,
        storedKeyRefused: false,
      };
    case "baseUrlEdited":
      return { ...state, baseUrl: action.baseUrl, baseUrlTouched: true, check: null };
    case "keyEdited":
      return { ...state, keyInput: action.keyInput, check: null };
    case "keySaved":
      return {
        ...state,
        savedBaseUrl: action.baseUrl,
        baseUrl: action.baseUrl,
        storedKeyMask: action.mask,
        keyInput: "",
        saving: false,
        storageError: null,
        storedKeyRefused: false,
      };
    case "keyForgotten":
      return { ...state, storedKeyMask: null, keyInput: "", check: null, storedKeyRefused: false };
    case "testStarted":
      return { ...state, testing: true, check: null };
    case "saveStarted":
      return { ...state, saving: true, storageError: null };
    case "testFinished": {
      const testedStoredKey = action.storedKeyOf != null && action.storedKeyOf === state.savedBaseUrl;
      return {
        ...state,
        testing: false,
        check: action.check,
        storedKeyRefused: testedStoredKey
          ? !action.check.ok && action.check.code === "AUTH_ERROR"
          : state.storedKeyRefused,
      };
    }
    case "storageFailed":
      return { ...state, testing: false, saving: false, storageError: action.message };
  }
}

/** The workbook names a workspace but this browser has no key for it (storage wiped, another computer). */
export function isKeyMissing(state: ConnectionState): boolean {
  return state.savedBaseUrl !== null && state.storedKeyMask === null;
}

/** Testing or storing a connection: Connect and Test connection wait for it. */
export function isConnecting(state: ConnectionState): boolean {
  return state.testing || state.saving;
}

/** Connected enough to run: a saved workspace with a stored key. */
export function hasUsableKey(state: ConnectionState): boolean {
  return state.savedBaseUrl !== null && state.storedKeyMask !== null;
}

export interface ConnectionBadge {
  label: "Connected" | "Key refused" | "Key needed" | "Not connected";
  color: "success" | "danger" | "warning" | "informative";
}

/** The header badge: "Connected" only while a stored key exists that the workspace has not refused. */
export function connectionBadge(state: ConnectionState): ConnectionBadge {
  if (hasUsableKey(state))
    return state.storedKeyRefused
      ? { label: "Key refused", color: "danger" }
      : { label: "Connected", color: "success" };
  return isKeyMissing(state)
    ? { label: "Key needed", color: "warning" }
    : { label: "Not connected", color: "informative" };
}
