// Public exports of src/http/ are added here.
export {};
