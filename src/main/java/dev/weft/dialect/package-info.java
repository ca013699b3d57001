/**
 * One small class per SQL dialect: identifier quoting, paging, NULL ordering, bind limits,
 * capabilities and the classification of driver errors. Also the error classes shared by the stages.
 */
package dev.weft.dialect;
