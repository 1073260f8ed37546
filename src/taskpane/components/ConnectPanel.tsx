import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { KeyRegular, PlugConnectedRegular, DeleteRegular } from "@fluentui/react-icons";
import { useState, type Dispatch, type FormEvent } from "react";
import { codeFromDetails, errorAdvice, toErrorInfo } from "../../app/error-text";
import { normalizeBaseUrl } from "../../app/secret-store";
import type { ErrorCode } from "../../sync/errors";
import {
  isConnecting,
  isKeyMissing,
  type ConnectionAction,
  type ConnectionCheckView,
  type ConnectionState,
} from "../state/connection";
import { usePaneServices } from "../services/pane-services";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface ConnectPanelProps {
  state: ConnectionState;
  dispatch: Dispatch<ConnectionAction>;
  /** The workspace URL is non-secret and belongs in the workbook settings. */
  onWorkspaceSaved(baseUrl: string): Promise<void>;
  /** The workbook's saved settings are still being read; a connection is saved on top of them once they arrive. */
  workbookLoading: boolean;
}

/** The client's check already explains what to do; errors thrown before it (e.g. a refused URL) get our advice. */
function failedCheck(code: ErrorCode | null, message: string, withAdvice = false): ConnectionCheckView {
  const { title, advice } = errorAdvice(code ?? "UNKNOWN");
  return { ok: false, code, title, message: withAdvice ? `${message} ${advice}` : message };
}

export function ConnectPanel({ state, dispatch, onWorkspaceSaved, workbookLoading }: ConnectPanelProps) {
  const styles = useStyles();
  const services = usePaneServices();
  const [urlError, setUrlError] = useState<string | null>(null);
  const busy = isConnecting(state);

  /**
   * Tests the connection and shows the outcome; true when the workspace accepted the key.
   * `storedKeyOf` names the workspace when the key tested is the one stored for it (not a typed one).
   */
  async function check(baseUrl: string, apiKey: string, storedKeyOf: string | null): Promise<boolean> {
    dispatch({ type: "testStarted" });
    try {
      const result = await services.createClient({ baseUrl, apiKey }).testConnection();
      dispatch({
        type: "testFinished",
        storedKeyOf,
        check: result.ok
          ? { ok: true, latencyMs: result.latencyMs, message: result.message }
          : failedCheck(codeFromDetails(result.details), result.message),
      });
      return result.ok;
    } catch (error) {
      const info = toErrorInfo(error);
      dispatch({ type: "testFinished", storedKeyOf, check: failedCheck(info.code, info.message, true) });
      return false;
    }
  }

  /** The typed key, else the one stored for this workspace; null (with the reason shown) when there is none. */
  async function keyToTest(baseUrl: string): Promise<{ apiKey: string; storedKeyOf: string | null } | null> {
    const typedKey = state.keyInput.trim();
    if (typedKey) return { apiKey: typedKey, storedKeyOf: null };
    try {
      const stored = await services.secrets.getApiKey(baseUrl);
      if (stored) return { apiKey: stored, storedKeyOf: baseUrl };
      dispatch({ type: "testFinished", check: failedCheck("AUTH_ERROR", "Enter the API key for this workspace.") });
    } catch (error) {
      dispatch({ type: "storageFailed", message: `Could not read the stored key: ${toErrorInfo(error).message}` });
    }
    return null;
  }

  function readUrl(): string | null {
    const baseUrl = normalizeBaseUrl(state.baseUrl);
    if (!/^https?:\/\/\S+$/i.test(baseUrl)) {
      setUrlError("Enter the workspace address, e.g. https://api.twenty.com");
      return null;
    }
    setUrlError(null);
    return baseUrl;
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    const baseUrl = readUrl();
    if (!baseUrl) return;
    const key = await keyToTest(baseUrl);
    if (!key) return;
    // Test first: a refused or untestable key is never stored, and never replaces the key stored earlier.
    if (!(await check(baseUrl, key.apiKey, key.storedKeyOf))) return;
    dispatch({ type: "saveStarted" });
    try {
      if (key.storedKeyOf === null) await services.secrets.saveApiKey(baseUrl, key.apiKey);
      await onWorkspaceSaved(baseUrl);
      dispatch({ type: "keySaved", baseUrl, mask: services.maskApiKey(key.apiKey) });
    } catch (error) {
      dispatch({ type: "storageFailed", message: `Could not save the connection: ${toErrorInfo(error).message}` });
    }
  }

  async function testOnly() {
    const baseUrl = readUrl();
    if (!baseUrl) return;
    const key = await keyToTest(baseUrl);
    if (key) await check(baseUrl, key.apiKey, key.storedKeyOf);
  }

  async function forget() {
    if (!state.savedBaseUrl) return;
    try {
      await services.secrets.forgetApiKey(state.savedBaseUrl);
      dispatch({ type: "keyForgotten" });
    } catch (error) {
      dispatch({ type: "storageFailed", message: `Could not remove the key: ${toErrorInfo(error).message}` });
    }
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void connect(e)}
      aria-label="Connect to Twenty"
      data-testid="connect-form"
    >
      {isKeyMissing(state) && (
        <MessageBar intent="warning" data-testid="key-missing">
          <MessageBarBody>
            <MessageBarTitle>API key needed</MessageBarTitle>
            This workbook syncs with {state.savedBaseUrl}, but no API key is stored on this computer (browser storage
            may have been cleared). Enter the key again to continue.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field
        label="Workspace URL"
        required
        validationMessage={urlError ?? undefined}
        hint="Twenty Cloud: https://api.twenty.com"
      >
        <Input
          type="url"
          value={state.baseUrl}
          onChange={(_, d) => dispatch({ type: "baseUrlEdited", baseUrl: d.value })}
          placeholder="https://api.twenty.com"
          data-testid="base-url"
        />
      </Field>
      <Field
        label="API key"
        hint={
          state.storedKeyMask && state.storedKeyRefused
            ? `Stored on this computer: ${state.storedKeyMask}, but Twenty refused it. Type a new key, or forget this one.`
            : state.storedKeyMask
              ? `Stored on this computer: ${state.storedKeyMask}. Type a new key to replace it.`
              : "Twenty → Settings → APIs & Webhooks. Kept on this computer only, never in the workbook."
        }
      >
        <Input
          type="password"
          value={state.keyInput}
          onChange={(_, d) => dispatch({ type: "keyEdited", keyInput: d.value })}
          placeholder={state.storedKeyMask ?? "Paste your API key"}
          contentBefore={<KeyRegular aria-hidden />}
          autoComplete="off"
          data-testid="api-key"
        />
      </Field>
      <div className={styles.buttons}>
        <Button
          type="submit"
          appearance="primary"
          icon={<PlugConnectedRegular />}
          disabled={busy}
          data-testid="connect"
        >
          {busy ? "Connecting…" : "Connect"}
        </Button>
        <Button type="button" onClick={() => void testOnly()} disabled={busy} data-testid="test-connection">
          Test connection
        </Button>
        <Button
          type="button"
          icon={<DeleteRegular />}
          onClick={() => void forget()}
          disabled={!state.storedKeyMask}
          data-testid="forget-key"
        >
          Forget key
        </Button>
      </div>
      {state.saving && workbookLoading && (
        <div role="status" data-testid="waiting-for-workbook">
          <Spinner
            size="tiny"
            labelPosition="after"
            label="Waiting for this workbook's sync settings to load, so the connection is saved alongside its choices…"
          />
        </div>
      )}
      {state.storageError && (
        <MessageBar intent="error">
          <MessageBarBody>{state.storageError}</MessageBarBody>
        </MessageBar>
      )}
      {state.check && <CheckResult check={state.check} />}
    </form>
  );
}

function CheckResult({ check }: { check: ConnectionCheckView }) {
  if (check.ok) {
    return (
      <MessageBar intent="success" data-testid="connection-result" role="status">
        <MessageBarBody>
          <MessageBarTitle>Connected</MessageBarTitle>
          <Text>
            {check.message} ({Math.round(check.latencyMs)} ms)
          </Text>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" data-testid="connection-result" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{check.title}</MessageBarTitle>
        {check.message}
      </MessageBarBody>
    </MessageBar>
  );
}
