import { Module } from '@nestjs/common';
import { CommandRunner } from '../http';
import { WorkstationsController } from './workstations.controller';

@Module({ controllers: [WorkstationsController], providers: [CommandRunner] })
export class WorkstationsModule {}
