// Public exports of src/sync/ are added here.
export {};
