/**
 * "CRM side": edit a record in the Twenty stand-in through its REST API, as a colleague would in Twenty, so the
 * demo's conflict flow needs no other tool.
 */
import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text } from "@fluentui/react-components";
import { ArrowSyncRegular, SaveRegular } from "@fluentui/react-icons";
import type { CrmRecord } from "../../sync/metadata";
import { createTwentyClient, type TwentyClient } from "../../twenty/client";
import type { DemoConnection } from "../demo-connection";
import { editableFields, partialUpdate, recordLabel, typedInput, type EditableField } from "../crm-record-fields";

const OBJECTS = ["companies", "people", "opportunities", "tasks", "notes"];
const LIST_LIMIT = 60;

type Status = { intent: "success" | "error"; text: string } | null;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function CrmPanel({ connection }: { connection: DemoConnection }): React.JSX.Element {
  const client = React.useMemo<TwentyClient>(
    () => createTwentyClient({ baseUrl: connection.crmUrl, apiKey: connection.apiKey }),
    [connection],
  );
  const [object, setObject] = React.useState("companies");
  const [records, setRecords] = React.useState<CrmRecord[] | null>(null);
  const [search, setSearch] = React.useState("");
  const [selectedId, setSelectedId] = React.useState<string | null>(null);
  const [fieldPath, setFieldPath] = React.useState("");
  const [text, setText] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<Status>(null);

  const load = React.useCallback(async () => {
    setBusy(true);
    setStatus(null);
    try {
      setRecords(await client.listRecords(object));
    } catch (error) {
      setRecords([]);
      setStatus({ intent: "error", text: `Could not list ${object}: ${describe(error)}` });
    } finally {
      setBusy(false);
    }
  }, [client, object]);

  React.useEffect(() => {
    setSelectedId(null);
    void load();
  }, [load]);

  const record = records?.find((candidate) => candidate.id === selectedId) ?? null;
  const fields: EditableField[] = record ? editableFields(record) : [];
  const field = fields.find((candidate) => candidate.path === fieldPath) ?? null;
  const matches = (records ?? [])
    .filter((candidate) => recordLabel(candidate).toLowerCase().includes(search.trim().toLowerCase()))
    .slice(0, LIST_LIMIT);

  const chooseRecord = (id: string) => {
    setSelectedId(id);
    const chosen = records?.find((candidate) => candidate.id === id);
    const first = chosen ? editableFields(chosen)[0] : undefined;
    setFieldPath(first?.path ?? "");
    setText(first?.value === null || first === undefined ? "" : String(first.value));
    setStatus(null);
  };

  const chooseField = (path: string) => {
    setFieldPath(path);
    const chosen = fields.find((candidate) => candidate.path === path);
    setText(chosen?.value === null || chosen === undefined ? "" : String(chosen.value));
  };

  const save = async () => {
    if (!record || !field) return;
    const value = typedInput(text, field.value);
    if (value !== null && typeof value === "object") {
      setStatus({ intent: "error", text: `${field.path}: ${value.error}` });
      return;
    }
    setBusy(true);
    try {
      const updated = await client.updateRecord(object, record.id, partialUpdate(field.path, value));
      setRecords((current) => (current ?? []).map((candidate) => (candidate.id === updated.id ? updated : candidate)));
      setStatus({
        intent: "success",
        text: `Saved in Twenty: ${field.path} of ${recordLabel(record)} is now "${value ?? ""}".`,
      });
    } catch (error) {
      setStatus({ intent: "error", text: `Could not save: ${describe(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="crm-panel" aria-label="CRM side" data-testid="crm-panel">
      <header className="crm-panel-header">
        <Text weight="semibold">CRM side</Text>
        <Text size={200}>Edit a record in Twenty ({connection.crmUrl})</Text>
      </header>
      <div className="crm-panel-row">
        <Field label="Object" size="small">
          <Select value={object} onChange={(_, data) => setObject(data.value)} data-testid="crm-object">
            {OBJECTS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </Select>
        </Field>
        <Button
          size="small"
          icon={<ArrowSyncRegular />}
          onClick={() => void load()}
          disabled={busy}
          aria-label="Reload records"
        >
          Reload
        </Button>
      </div>
      <Field label="Find a record" size="small">
        <Input
          value={search}
          onChange={(_, data) => setSearch(data.value)}
          placeholder="Name contains…"
          data-testid="crm-search"
        />
      </Field>
      <div className="crm-records" role="listbox" aria-label={`${object} in Twenty`} data-testid="crm-records">
        {records === null ? (
          <Spinner size="tiny" label="Loading…" />
        ) : (
          matches.map((candidate) => (
            <div
              key={candidate.id}
              role="option"
              tabIndex={0}
              aria-selected={candidate.id === selectedId}
              className="crm-record"
              onClick={() => chooseRecord(candidate.id)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  chooseRecord(candidate.id);
                }
              }}
            >
              {recordLabel(candidate)}
            </div>
          ))
        )}
      </div>
      {record && (
        <div className="crm-edit">
          <Field label="Field" size="small">
            <Select value={fieldPath} onChange={(_, data) => chooseField(data.value)} data-testid="crm-field">
              {fields.map((candidate) => (
                <option key={candidate.path}>{candidate.path}</option>
              ))}
            </Select>
          </Field>
          <Field label="New value" size="small">
            <Input value={text} onChange={(_, data) => setText(data.value)} data-testid="crm-value" />
          </Field>
          <Button
            appearance="primary"
            size="small"
            icon={<SaveRegular />}
            onClick={() => void save()}
            disabled={busy || !field}
            data-testid="crm-save"
          >
            Save in Twenty
          </Button>
        </div>
      )}
      {status && (
        <MessageBar
          intent={status.intent}
          role={status.intent === "error" ? "alert" : "status"}
          data-testid="crm-status"
        >
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
