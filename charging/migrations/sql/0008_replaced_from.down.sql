-- Nothing to undo: the column goes with the migration's other operations.
SELECT 1;
