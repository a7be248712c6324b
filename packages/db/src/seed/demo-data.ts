import type { Allergy } from '@vetflow/schema';

/** The fixed material the demo seed draws from. Demo only: the password is public. */
export const DEMO_PASSWORD = 'vetflow-demo';

export const DEMO_USERS = [
  { key: 'admin', username: 'admin', fullName: 'Alex Morgan', role: 'admin' },
  { key: 'vet', username: 'vet', fullName: 'Dr. Sofia Ramirez', role: 'veterinarian' },
  { key: 'vet2', username: 'vet2', fullName: 'Dr. James Okafor', role: 'veterinarian' },
  { key: 'assistant', username: 'assistant', fullName: 'Liam Chen', role: 'assistant' },
  // The waiting-room TV: signs in once a day and shows the board.
  { key: 'display', username: 'lobby', fullName: 'Waiting-room screen', role: 'display' },
] as const;

export const OWNER_NAMES = [
  ['Emma', 'Johnson'],
  ['Noah', 'Williams'],
  ['Olivia', 'Brown'],
  ['Lucas', 'Garcia'],
  ['Mia', 'Martinez'],
  ['Ethan', 'Davis'],
  ['Ava', 'Lopez'],
  ['Mateo', 'Wilson'],
  ['Isabella', 'Anderson'],
  ['Leo', 'Thomas'],
  ['Sophia', 'Taylor'],
  ['Elijah', 'Moore'],
  ['Amelia', 'Jackson'],
  ['Henry', 'Martin'],
  ['Harper', 'Lee'],
  ['Daniel', 'Perez'],
  ['Chloe', 'Thompson'],
  ['Samuel', 'White'],
  ['Grace', 'Harris'],
  ['Owen', 'Clark'],
] as const;

export const STREETS = [
  'Maple Ave',
  'Oak Street',
  'Cedar Lane',
  'Birch Road',
  'Willow Way',
  'Elm Court',
] as const;

export const SPECIES = [
  {
    species: 'Dog',
    breeds: ['Labrador Retriever', 'Beagle', 'German Shepherd', 'Border Collie', 'Mixed'],
    weight: [6, 38],
  },
  { species: 'Cat', breeds: ['Domestic Shorthair', 'Maine Coon', 'Siamese', 'Persian'], weight: [3, 7] },
  { species: 'Rabbit', breeds: ['Holland Lop', 'Netherland Dwarf'], weight: [1.2, 2.5] },
  { species: 'Parrot', breeds: ['African Grey', 'Budgerigar', 'Cockatiel'], weight: [0.04, 0.5] },
  { species: 'Guinea pig', breeds: ['Abyssinian', 'American'], weight: [0.7, 1.2] },
  { species: 'Ferret', breeds: ['Sable'], weight: [0.8, 2] },
  { species: 'Bearded dragon', breeds: ['Central'], weight: [0.3, 0.5] },
] as const;

export const PET_NAMES = [
  'Bella',
  'Max',
  'Luna',
  'Charlie',
  'Lucy',
  'Cooper',
  'Daisy',
  'Milo',
  'Nala',
  'Rocky',
  'Coco',
  'Bailey',
  'Simba',
  'Ruby',
  'Teddy',
  'Zoe',
  'Oscar',
  'Pepper',
  'Loki',
  'Willow',
  'Ziggy',
  'Hazel',
  'Biscuit',
  'Olive',
  'Pumpkin',
  'Mango',
  'Kiwi',
  'Sunny',
  'Ginger',
  'Toby',
  'Maple',
  'Pip',
  'Clover',
  'Rex',
  'Juniper',
] as const;

export const ALLERGY_SAMPLES: Allergy[] = [
  { allergen: 'Penicillin', severity: 'life-threatening', reaction: 'Anaphylaxis within minutes' },
  { allergen: 'Chicken protein', severity: 'moderate', reaction: 'Itching, ear infections' },
  { allergen: 'Flea saliva', severity: 'mild', reaction: 'Dermatitis at the tail base' },
  { allergen: 'Carprofen', severity: 'severe', reaction: 'Vomiting, GI bleeding' },
  { allergen: 'Latex', severity: 'mild', reaction: 'Skin redness' },
];

export const VISIT_REASONS = [
  'Annual wellness exam',
  'Vaccination booster',
  'Limping on left hind leg',
  'Skin irritation',
  'Dental check',
  'Vomiting since yesterday',
  'Weight check',
  'Ear infection follow-up',
  'Post-surgery check',
  'Nail trim and check',
] as const;

export const DIAGNOSES = [
  'Healthy, no abnormal findings',
  'Mild otitis externa',
  'Grade 1 dental disease',
  'Soft tissue strain',
  'Acute gastroenteritis',
  'Allergic dermatitis',
  'Overweight (BCS 6/9)',
] as const;

export const TREATMENTS = [
  'Continue current diet; recheck in 12 months',
  'Ear cleaning; topical drops twice daily for 7 days',
  'Rest for 10 days; anti-inflammatory as prescribed',
  'Bland diet for 3 days; fluids given',
  'Scale and polish advised',
] as const;
