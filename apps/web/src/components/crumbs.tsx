import { AnchorLink } from './links';

/** The links of the Owners › owner › patient trail, keyed for PageHeader's `crumbs`. */

export const ownersCrumb = () => (
  <AnchorLink key="owners" to="/owners">
    Owners
  </AnchorLink>
);

export const ownerCrumb = (ownerId: string, name: string) => (
  <AnchorLink key="owner" to="/owners/$ownerId" params={{ ownerId }}>
    {name}
  </AnchorLink>
);

export const patientCrumb = (patient: { id: string; name: string }) => (
  <AnchorLink key="patient" to="/patients/$patientId" params={{ patientId: patient.id }}>
    {patient.name}
  </AnchorLink>
);
