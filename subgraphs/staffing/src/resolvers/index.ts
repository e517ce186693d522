import { scalarResolvers } from '@dxhub/kit';
import { entityResolvers } from './entities.js';
import { figureResolvers } from './figures.js';
import { headcountResolvers } from './headcount.js';
import { positionResolvers } from './positions.js';
import { trainingResolvers } from './training.js';

/** Every resolver of the staffing subgraph, one file per group of types. */
export const resolvers = {
  ...scalarResolvers,
  ...entityResolvers,
  Query: {
    ...headcountResolvers.Query,
    ...positionResolvers.Query,
    ...trainingResolvers.Query,
    ...figureResolvers.Query,
  },
  Mutation: {
    ...headcountResolvers.Mutation,
    ...positionResolvers.Mutation,
    ...trainingResolvers.Mutation,
  },
  Headcount: headcountResolvers.Headcount,
  AllocationDecision: headcountResolvers.AllocationDecision,
  Transfer: headcountResolvers.Transfer,
  HeadcountChange: headcountResolvers.HeadcountChange,
  Position: positionResolvers.Position,
  Assignment: positionResolvers.Assignment,
  Course: trainingResolvers.Course,
  TrainingSession: trainingResolvers.TrainingSession,
  Attendance: trainingResolvers.Attendance,
  TrainingCoverage: figureResolvers.TrainingCoverage,
  StaffingTargets: figureResolvers.StaffingTargets,
};
