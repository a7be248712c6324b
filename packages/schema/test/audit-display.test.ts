import { describe, expect, it } from 'vitest';
import { actorName, auditDiff, displayValue, fieldLabel, recordKind, recordName } from '../src/audit-display';

const formatDateTime = (d: Date) => `<${d.toISOString().slice(0, 16)}>`;
const plain = { formatDateTime };

describe('auditDiff', () => {
  it('lists the changed fields of an update, before → after, with labels', () => {
    const diff = auditDiff(
      {
        action: 'update',
        oldValues: { id: 'x', phone: '+1 555 000', email: 'a@b.co', updated_at: '2026-01-01T00:00:00Z' },
        newValues: { id: 'x', phone: '+1 555 111', email: 'a@b.co', updated_at: '2026-01-02T00:00:00Z' },
        changedFields: ['phone'],
      },
      plain,
    );
    expect(diff).toEqual([{ field: 'phone', label: 'Phone', before: '+1 555 000', after: '+1 555 111' }]);
  });
  it('computes the changes when the entry does not list them; enum codes read as words', () => {
    const diff = auditDiff(
      {
        action: 'update',
        oldValues: { status: 'scheduled', checked_in_at: null, updated_at: 'a' },
        newValues: { status: 'checked_in', checked_in_at: null, updated_at: 'b' },
        changedFields: null,
      },
      plain,
    );
    expect(diff.map((d) => [d.label, d.before, d.after])).toEqual([['Status', 'Scheduled', 'Checked in']]);
  });
  it('shows the values set by an insert in a reader’s order, skipping empty ones; ids as the names the API resolved', () => {
    const vet = '11111111-1111-4111-8111-111111111111';
    const appointment = '22222222-2222-4222-8222-222222222222';
    const diff = auditDiff(
      {
        action: 'insert',
        oldValues: null,
        newValues: {
          id: 'x',
          veterinarian_id: vet,
          appointment_id: appointment,
          notes: '',
          is_active: true,
          starts_at: '2026-11-25T10:30:00+00:00',
          created_at: 'c',
        },
        changedFields: null,
      },
      {
        formatDateTime,
        names: {
          [vet]: { label: 'Dr. Sofia Ramirez', at: null },
          [appointment]: { label: 'Bella', at: new Date('2026-11-25T10:30:00Z') },
        },
      },
    );
    expect(diff.map((d) => [d.label, d.after])).toEqual([
      ['Veterinarian', 'Dr. Sofia Ramirez'],
      ['Starts', '<2026-11-25T10:30>'],
      ['Appointment', 'Bella, <2026-11-25T10:30>'],
      ['Active', 'Yes'],
    ]);
  });
  it('shows an id the API could not name as it is, and what a delete removed', () => {
    expect(displayValue('owner_id', 'not-resolved', plain)).toBe('not-resolved');
    expect(displayValue('owner_id', 'toString', { formatDateTime, names: {} })).toBe('toString');
    const diff = auditDiff(
      { action: 'delete', oldValues: { name: 'Rex' }, newValues: null, changedFields: null },
      plain,
    );
    expect(diff).toEqual([{ field: 'name', label: 'Name', before: 'Rex', after: null }]);
  });
});

describe('displayValue and labels', () => {
  it('renders allergies, booleans, empty lists, timestamps and calendar dates', () => {
    expect(
      displayValue('allergies', [{ allergen: 'Penicillin', severity: 'severe', reaction: 'Hives' }], plain),
    ).toBe('Penicillin (severe): Hives');
    expect(displayValue('allergies', [], plain)).toBe('none');
    expect(displayValue('is_active', false, plain)).toBe('No');
    expect(displayValue('notes', null, plain)).toBeNull();
    expect(displayValue('checked_in_at', '2026-11-25T09:30:00.000+00:00', plain)).toBe('<2026-11-25T09:30>');
    expect(displayValue('date_of_birth', '2026-11-25', plain)).toBe('2026-11-25');
    // Free text is never turned into a label.
    expect(displayValue('notes', 'checked_in', plain)).toBe('checked_in');
  });
  it('labels fields in plain words', () => {
    expect(fieldLabel('veterinarian_id')).toBe('Veterinarian');
    expect(fieldLabel('created_by')).toBe('Booked by');
    expect(fieldLabel('first_name')).toBe('First name');
    expect(fieldLabel('constructor')).toBe('Constructor');
  });
});

describe('recordName', () => {
  it('is the resolved name, or else the snapshot', () => {
    const at = new Date('2026-11-25T10:30:00Z');
    expect(
      recordName(
        {
          tableName: 'appointments',
          recordId: 'a',
          oldValues: null,
          newValues: { reason: 'x' },
          names: { a: { label: 'Bella', at } },
        },
        formatDateTime,
      ),
    ).toBe('Bella, <2026-11-25T10:30>');
    const owner = {
      tableName: 'owners',
      recordId: 'o',
      oldValues: null,
      newValues: { first_name: 'Ada', last_name: 'Byron' },
    };
    expect(recordName(owner, formatDateTime)).toBe('Ada Byron');
    expect(
      recordName({ ...owner, tableName: 'system_users', newValues: { full_name: 'Dr Who' } }, formatDateTime),
    ).toBe('Dr Who');
  });
});

describe('actorName', () => {
  const row = {
    action: 'insert' as const,
    userId: null,
    userFullName: null,
    requestId: null,
    dbUser: 'postgres',
  };
  it('names the staff member, the demo data, the first start, or the maintenance task and its database user', () => {
    expect(actorName({ ...row, userId: 'u', userFullName: 'Dr. Sofia Ramirez' })).toBe('Dr. Sofia Ramirez');
    expect(actorName({ ...row, userId: 'u' })).toBe('Unknown user');
    expect(actorName({ ...row, requestId: 'demo-seed' })).toBe('Demo data');
    expect(actorName({ ...row, requestId: 'bootstrap' })).toBe('VetFlow first start');
    expect(actorName(row)).toBe('Maintenance task (database user postgres)');
    expect(actorName({ ...row, requestId: 'toString' })).toBe('Maintenance task (database user postgres)');
    expect(actorName({ ...row, action: 'login_failed' })).toBe('Not signed in');
  });
});

describe('scheduling settings read as days and hours', () => {
  const options = { formatDateTime: (d: Date) => d.toISOString() };
  it('working days and opening hours', () => {
    expect(displayValue('working_days', [1, 2, 3, 6], options)).toBe('Mon, Tue, Wed, Sat');
    expect(
      displayValue(
        'opening_hours',
        [{ open: '08:00', close: '18:00' }, null, null, null, null, { open: '09:00', close: '12:00' }, null],
        options,
      ),
    ).toBe('Mon 08:00–18:00, Tue closed, Wed closed, Thu closed, Fri closed, Sat 09:00–12:00, Sun closed');
    expect(recordKind('veterinarian_schedules')).toBe('Working days');
    expect(fieldLabel('appointment_type_id')).toBe('Appointment type');
  });
});
