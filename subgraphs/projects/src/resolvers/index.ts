import { scalarResolvers } from '@dxhub/kit';
import {
  addProjectMilestone,
  completeProjectMilestone,
  updateProjectMilestone,
} from './milestone-mutations.js';
import { createProject, updateProject } from './project-mutations.js';
import {
  organizationProjectTotals,
  organizationProjects,
  project,
  projectList,
  projectTotals,
} from './queries.js';
import {
  Project,
  ProjectBudgetChange,
  ProjectMilestone,
  ProjectProgressReport,
  ProjectStatusChange,
} from './types.js';
import {
  changeProjectBudget,
  changeProjectStatus,
  reportProjectProgress,
} from './workflow-mutations.js';

export type { Context } from './context.js';

export const resolvers = {
  ...scalarResolvers,
  Query: {
    project,
    projects: projectList,
    projectTotals,
  },
  Mutation: {
    createProject,
    updateProject,
    changeProjectStatus,
    changeProjectBudget,
    reportProjectProgress,
    addProjectMilestone,
    updateProjectMilestone,
    completeProjectMilestone,
  },
  Organization: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    projects: organizationProjects('OWNED'),
    contractedProjects: organizationProjects('CONTRACTED'),
    projectTotals: organizationProjectTotals,
  },
  Project,
  ProjectMilestone,
  ProjectProgressReport,
  ProjectStatusChange,
  ProjectBudgetChange,
};
