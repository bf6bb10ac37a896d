// Public exports of src/auth/ are added here.
export {};
