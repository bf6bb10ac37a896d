// Public exports of src/safety/ are added here.
export {};
